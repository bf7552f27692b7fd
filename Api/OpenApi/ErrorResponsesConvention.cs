using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.WebUtilities;

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
        var readsBody = action.Selectors.SelectMany(s => s.ActionConstraints.OfType<HttpMethodActionConstraint>()).Any(c => c.HttpMethods.Contains(HttpMethods.Post));
        var takesParameters = action.Selectors.Any(s => s.AttributeRouteModel?.Template?.Contains('{', StringComparison.Ordinal) == true);
        var rateLimited = !action.Attributes.Concat(action.Controller.Attributes).OfType<DisableRateLimitingAttribute>().Any();
        var sources = action.Parameters.Select(p => p.BindingInfo?.BindingSource).ToList();

        DescribeDeclaredErrorsAsProblems(action);
        // The API explorer infers a 200 from the return type only where no answer is declared at all.
        if (!action.Filters.OfType<IApiResponseMetadataProvider>().Any(declared => declared.StatusCode is >= 200 and < 300))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(StatusCodes.Status200OK));
        }

        // ConditionalGetFilter's 304, where the action sets no Cache-Control of its own.
        if (action.Selectors.SelectMany(s => s.ActionConstraints.OfType<HttpMethodActionConstraint>()).Any(c => c.HttpMethods.Contains(HttpMethods.Get))
            && !action.Attributes.Concat(action.Controller.Attributes).OfType<ResponseCacheAttribute>().Any())
        {
            Add(action, new ProducesResponseTypeAttribute(StatusCodes.Status304NotModified) { Description = "The client's copy is current: `If-None-Match` names this answer's `ETag` (or is `*`), or, without `If-None-Match`, `If-Modified-Since` is not older than the build. No body; the `ETag` and `Cache-Control` of the 200." });
        }

        if (readsBody)
        {
            Add(action, Problem(StatusCodes.Status400BadRequest, "The body cannot be read (broken chunked framing), or a value does not bind or validate (a problem naming each field). " + Untrusted + RefusedByServer + "a request line or header it cannot parse (a `Content-Length` that is not digits alone, say)."));
            Add(action, Problem(StatusCodes.Status408RequestTimeout, "The body did not arrive in time: within `Limits:RequestTimeout`, or at Kestrel's minimum data rate (a body shorter than its `Content-Length`)."));
            Add(action, Problem(StatusCodes.Status413PayloadTooLarge, "The body is larger than `Limits:MaxBodyBytes`, the form holds more fields or a longer key than `Limits:MaxFormFields` and `Limits:MaxFormKeyBytes` allow, or a multipart part's headers (or the text around the parts) are longer than 32 KiB."));
        }
        else if (sources.Any(source => source is not null && source != BindingSource.Path && source != BindingSource.Services))
        {
            Add(action, Problem(StatusCodes.Status400BadRequest, "A value does not bind or validate (a problem naming each field). " + Untrusted + RefusedByServer + "a request line or header it cannot parse."));
        }
        else
        {
            Add(action, Problem(StatusCodes.Status400BadRequest, UnreadableRequest));
        }

        if (takesParameters)
        {
            Add(action, Problem(StatusCodes.Status404NotFound, "A path parameter does not convert, or no route takes the path."));
        }

        if (sources.Contains(BindingSource.Body))
        {
            Add(action, Problem(StatusCodes.Status415UnsupportedMediaType, "The body's `Content-Type` is not one the action reads."));
        }

        Add(action, Problem(StatusCodes.Status405MethodNotAllowed, "The path does not take this method; `Allow` names the methods it takes."));
        Add(action, new ProducesResponseTypeAttribute(StatusCodes.Status414UriTooLong) { Description = RefusedByServer + "the request line is longer than `Kestrel:Limits:MaxRequestLineSize`." });
        if (rateLimited)
        {
            Add(action, Problem(StatusCodes.Status429TooManyRequests, "Too many requests from this client address in the window (`RateLimiting:*`, off by default); `Retry-After` says when to try again."));
        }

        Add(action, new ProducesResponseTypeAttribute(StatusCodes.Status431RequestHeaderFieldsTooLarge) { Description = RefusedByServer + "the headers are larger or more numerous than `Kestrel:Limits` allow." });
        Add(action, Problem(StatusCodes.Status500InternalServerError, "An unexpected error; its text stays in the server's log, under the problem's `traceId`."));
    }

    private static ProducesResponseTypeAttribute<ProblemDetails> Problem(int status, string description) =>
        new ProducesResponseTypeAttribute<ProblemDetails>(status, MediaTypes.ProblemJson) { Description = description };

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

    // An action's own declaration of a status (the validation 400 of /exemple) stands.
    private static void Add(ActionModel action, ProducesResponseTypeAttribute response)
    {
        if (!action.Filters.OfType<IApiResponseMetadataProvider>().Any(declared => declared.StatusCode == response.StatusCode))
        {
            action.Filters.Add(response);
        }
    }
}
