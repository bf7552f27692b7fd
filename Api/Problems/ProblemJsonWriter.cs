using Api.Http;
using Api.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Api.Problems;

/// <summary>
/// Writes the problems answered outside MVC's actions (no route, a wrong method, an exception, a
/// refused request) as <c>application/problem+json</c> whatever the Accept header says, completed by
/// <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>, with the JSON options and the
/// Content-Length of every other JSON answer.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var response = context.HttpContext.Response;
        response.ContentType = MediaTypes.ProblemJson;
        return new ValueTask(ContentLengthJsonOutputFormatter.WriteAsync(response, context.ProblemDetails, json.Value.JsonSerializerOptions));
    }
}
