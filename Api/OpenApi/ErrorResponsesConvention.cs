using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Api.OpenApi;

/// <summary>
/// Declares every error an action can answer, with its real media type: problem+json where the API
/// answers, none where Kestrel refuses the request before the API runs; and a GET's 304.
/// </summary>
internal sealed class ErrorResponsesConvention : IActionModelConvention
{
    public const string RefusedByServer = "The server refused the request before the API ran, without a body: ";

    /// <summary>The 400 of an operation that reads no body.</summary>
    public const string UnreadableRequest = Untrusted + RefusedByServer + "a request line, target or header it cannot parse (a NUL or control byte in the path, say).";

    private const string Untrusted = "Framing or a target that two servers could read differently (`Transfer-Encoding` in HTTP/1.0 or with a coding other than chunked, a `#` in the target); the connection closes after the answer. ";

    public void Apply(ActionModel action)
    {
        var methods = action.Selectors.SelectMany(s => s.ActionConstraints.OfType<HttpMethodActionConstraint>()).SelectMany(c => c.HttpMethods).ToList();
        var attributes = action.Attributes.Concat(action.Controller.Attributes).ToList();
        var sources = action.Parameters.Select(p => p.BindingInfo?.BindingSource).ToList();
        var readsBody = methods.Contains(HttpMethods.Post);
        DescribeDeclaredErrorsAsProblems(action);
        ProducesResponseTypeAttribute?[] answers =
        [
            // The API explorer infers a 200 from the return type only where no answer is declared at all.
            Declares(action, status => status is >= 200 and < 300) ? null : new(StatusCodes.Status200OK),
            // BodyFormatter's 304, where the action sets no Cache-Control of its own.
            methods.Contains(HttpMethods.Get) && !attributes.OfType<ResponseCacheAttribute>().Any()
                ? new(StatusCodes.Status304NotModified) { Description = "The client's copy is current: `If-None-Match` names this answer's `ETag` (or is `*`), or, without `If-None-Match`, `If-Modified-Since` is not older than the build. No body; the `ETag` and `Cache-Control` of the 200." }
                : null,
            methods.Contains(HttpMethods.Get) && !attributes.OfType<ResponseCacheAttribute>().Any()
                ? Problem(StatusCodes.Status412PreconditionFailed, "A precondition fails: `If-Match` names no `ETag` of this answer (compared strongly), or, without `If-Match`, `If-Unmodified-Since` is older than the build.")
                : null,
            Problem(StatusCodes.Status400BadRequest, readsBody
                ? "The body cannot be read (broken chunked framing), or a value does not bind or validate (a problem naming each field). " + Untrusted + RefusedByServer + "a request line or header it cannot parse (a `Content-Length` that is not digits alone, say)."
                : sources.Any(source => source is not null && source != BindingSource.Path && source != BindingSource.Services)
                    ? "A value does not bind or validate (a problem naming each field). " + Untrusted + RefusedByServer + "a request line or header it cannot parse."
                    : UnreadableRequest),
            readsBody ? Problem(StatusCodes.Status408RequestTimeout, "The body did not arrive in time: within `Limits:RequestTimeout`, or at Kestrel's minimum data rate (a body shorter than its `Content-Length`).") : null,
            readsBody ? Problem(StatusCodes.Status413PayloadTooLarge, "The body is larger than `Limits:MaxBodyBytes`, the form holds more fields or a longer key than `Limits:MaxFormFields` and `Limits:MaxFormKeyBytes` allow, or a multipart part's headers (or the text around the parts) are longer than 32 KiB.") : null,
            action.Selectors.Any(s => s.AttributeRouteModel?.Template?.Contains('{', StringComparison.Ordinal) == true)
                ? Problem(StatusCodes.Status404NotFound, "A path parameter does not convert, or no route takes the path.")
                : null,
            sources.Contains(BindingSource.Body) ? Problem(StatusCodes.Status415UnsupportedMediaType, "The body's `Content-Type` is not one the action reads.") : null,
            Problem(StatusCodes.Status405MethodNotAllowed, "The path does not take this method; `Allow` names the methods it takes."),
            new(StatusCodes.Status414UriTooLong) { Description = RefusedByServer + "the request line is longer than `Kestrel:Limits:MaxRequestLineSize`." },
            attributes.OfType<DisableRateLimitingAttribute>().Any()
                ? null
                : Problem(StatusCodes.Status429TooManyRequests, "Too many requests from this client address in the window (`RateLimiting:*`, off by default); `Retry-After` says when to try again."),
            new(StatusCodes.Status431RequestHeaderFieldsTooLarge) { Description = RefusedByServer + "the headers are larger or more numerous than `Kestrel:Limits` allow." },
            Problem(StatusCodes.Status500InternalServerError, "An unexpected error; its text stays in the server's log, under the problem's `traceId`."),
        ];

        // An action's own declaration of a status (the validation 400 of /exemple) stands.
        foreach (var answer in answers.OfType<ProducesResponseTypeAttribute>())
        {
            if (!Declares(action, status => status == answer.StatusCode)) action.Filters.Add(answer);
        }
    }

    private static bool Declares(ActionModel action, Func<int, bool> status) =>
        action.Filters.OfType<IApiResponseMetadataProvider>().Any(declared => status(declared.StatusCode));

    private static ProducesResponseTypeAttribute<ProblemDetails> Problem(int status, string description) =>
        new ProducesResponseTypeAttribute<ProblemDetails>(status, MediaTypeNames.Application.ProblemJson) { Description = description };

    /// <summary>An error an action declares without a type (<c>[ProducesResponseType(404)]</c>) is answered as a problem.</summary>
    private static void DescribeDeclaredErrorsAsProblems(ActionModel action)
    {
        for (var i = 0; i < action.Filters.Count; i++)
        {
            if (action.Filters[i] is ProducesResponseTypeAttribute { StatusCode: >= 400 } declared && declared.Type == typeof(void))
            {
                action.Filters[i] = Problem(declared.StatusCode, declared.Description ?? ReasonPhrases.GetReasonPhrase(declared.StatusCode));
            }
        }
    }
}
