namespace Api.Problems;

/// <summary>
/// Writes the problems answered outside MVC's actions. The framework's writer declines a request whose
/// Accept leaves JSON out (a browser's), which then gets a text/plain error; here every error is
/// problem+json, with the Content-Length every answer carries.
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
