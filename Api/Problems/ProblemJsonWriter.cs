using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Api.Responses;
using Api.Security;

namespace Api.Problems;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the Accept header says,
/// with a Content-Length and without a body for HEAD.
/// </summary>
public sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    // Extensions may hold values of any type (the developer exception page adds some), so the
    // source-generated context falls back to reflection for what it does not know.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ProblemJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        ProblemFactory.Complete(problem, http);
        SecurityHeaders.Apply(http);
        http.Response.StatusCode = problem.Status!.Value;
        var body = JsonSerializer.SerializeToUtf8Bytes(problem, problem.GetType(), Options);
        return new ValueTask(ResponseBody.WriteAsync(http.Response, body, ResponseBody.ProblemJson));
    }
}
