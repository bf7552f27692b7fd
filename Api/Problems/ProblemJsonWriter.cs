using Api.Json;

namespace Api.Problems;

/// <summary>
/// Problems answered outside MVC's actions: problem+json whatever Accept says, completed by
/// CustomizeProblemDetails and written as every JSON answer is, with its Content-Length.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var response = context.HttpContext.Response;
        response.ContentType = MediaTypes.ProblemJson;
        return new ValueTask(ContentLengthJsonOutputFormatter.WriteAsync(response, context.ProblemDetails, json.Value.JsonSerializerOptions));
    }
}
