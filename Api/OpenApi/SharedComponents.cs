namespace Api.OpenApi;

/// <summary>A response header many answers carry, written once under <c>components.headers</c>.</summary>
internal sealed record SharedHeader(string Key, string Name, string Description, bool Required = true)
{
    public static readonly SharedHeader Allow = new("Allow", HeaderNames.Allow, "The methods the path takes, comma-separated.");
    public static readonly SharedHeader RetryAfter = new("RetryAfter", HeaderNames.RetryAfter, "Seconds until the client may send again.");
    public static readonly SharedHeader ETag = new("ETag", HeaderNames.ETag,
        "A strong validator (an item's id and version; elsewhere a hash of the body): send it back in `If-None-Match`, or in `If-Match` to change the item.");
    public static readonly SharedHeader LastModified = new("LastModified", HeaderNames.LastModified,
        "An HTTP date: an item's last change; elsewhere when the running build was made. Send it back in `If-Modified-Since` or `If-Unmodified-Since`.");
    public static readonly SharedHeader CacheControl = new("CacheControl", HeaderNames.CacheControl,
        "How long caches may keep the answer: `Caching:CacheControl` (by default `public, max-age=60`); `no-cache` for items: revalidate first.");
    public static readonly SharedHeader NoStore = new("CacheControlNoStore", HeaderNames.CacheControl, "`no-store`: no cache keeps the answer.");
    public static readonly SharedHeader Location = new("Location", HeaderNames.Location, "The created item's path, `/items/{id}`.");
    public static readonly SharedHeader Link = new("Link", HeaderNames.Link, "`<next>; rel=\"next\"` (RFC 8288) while a next page exists.", Required: false);
    public static readonly SharedHeader Authenticate = new("WwwAuthenticate", HeaderNames.WWWAuthenticate, "`Bearer`, with the reason where a token was sent.");

    // Not no-store's Cache-Control.
    public static SharedHeader Named(string name) =>
        new[] { Allow, RetryAfter, ETag, LastModified, CacheControl, Location, Link, Authenticate }.Single(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public void AddTo(IOpenApiResponse? response, OpenApiDocument document)
    {
        if (response is not OpenApiResponse described) return;
        var headers = (document.Components ??= new OpenApiComponents()).Headers ??= new Dictionary<string, IOpenApiHeader>();
        headers.TryAdd(Key, new OpenApiHeader { Description = Description, Required = Required, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        (described.Headers ??= new Dictionary<string, IOpenApiHeader>())[Name] = new OpenApiHeaderReference(Key, document);
    }
}

/// <summary>An optional request header many operations read, written once under <c>components.parameters</c>.</summary>
internal sealed record SharedParameter(string Key, string Name, string Description)
{
    public IOpenApiParameter Reference(OpenApiDocument document)
    {
        var parameters = (document.Components ??= new OpenApiComponents()).Parameters ??= new Dictionary<string, IOpenApiParameter>();
        parameters.TryAdd(Key, new OpenApiParameter { Name = Name, In = ParameterLocation.Header, Description = Description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        return new OpenApiParameterReference(Key, document);
    }
}

/// <summary>An answer many operations share, under <c>components.responses</c>; <see cref="Status"/> for one the API gives an action.</summary>
internal sealed class SharedResponse(string name, string description, params SharedHeader[] headers)
{
    public const string BadRequestName = "BadRequest";
    private const string RefusedToo = "The server refuses a request it cannot parse with a 400 without a body.";

    public static readonly SharedResponse NotModified = Declared("NotModified", StatusCodes.Status304NotModified, problem: null,
        "The client's copy is current: `If-None-Match` names the answer's `ETag` (or is `*`), or, without it, `If-Modified-Since` is not older than " +
        "`Last-Modified`. No body; the 200's `ETag` and `Cache-Control`.", SharedHeader.ETag, SharedHeader.CacheControl);
    // No media type: the 400 a client library can cause, the server's, has none (docs/design.md, "The OpenAPI document").
    public static readonly SharedResponse BadRequest = Declared(BadRequestName, StatusCodes.Status400BadRequest, problem: null,
        "Refused before routing. By the server, without a body or `Content-Type`: a request line, target or header it cannot parse (a NUL in the path, " +
        "percent-encoded or not; no or two `Host` headers). By the API, as a problem (`application/problem+json`): framing or a target two servers could read " +
        "differently (`Transfer-Encoding` in HTTP/1.0 or other than chunked, a `#` or a raw control character in the target). The connection then closes.");
    public static readonly SharedResponse PreconditionFailed = Declared("PreconditionFailed", StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails),
        "A precondition fails: `If-Match` names no `ETag` of the answer (compared strongly), or, without it, `If-Unmodified-Since` is older than `Last-Modified`.");
    public static readonly SharedResponse InvalidBody = Declared("InvalidBody", StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails),
        "The body cannot be read (broken chunked framing), or a value does not bind or validate (`errors` names each field). " + RefusedToo);
    public static readonly SharedResponse InvalidValue = Declared("InvalidValue", StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails),
        "A value does not bind or validate (`errors` names each field). " + RefusedToo);
    public static readonly SharedResponse NotFound = Declared("NotFound", StatusCodes.Status404NotFound, typeof(ProblemDetails),
        "A path parameter does not convert, or no route takes the path.");
    public static readonly SharedResponse RequestTimeout = Declared("RequestTimeout", StatusCodes.Status408RequestTimeout, typeof(ProblemDetails),
        "The body did not arrive in time: within `Limits:RequestTimeout`, or at Kestrel's minimum data rate (a body shorter than its `Content-Length`). " +
        "Headers that do not arrive in time get the server's 408, without a body.");
    public static readonly SharedResponse ContentTooLarge = Declared("ContentTooLarge", StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails),
        "The body is larger than `Limits:MaxBodyBytes`, the form holds more fields or a longer key than `Limits:MaxFormFields` and `Limits:MaxFormKeyBytes` " +
        "allow, or a multipart part's headers (or the text around the parts) are longer than 32 KiB.");
    public static readonly SharedResponse UnsupportedMediaType = Declared("UnsupportedMediaType", StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails),
        "The body's `Content-Type` is not one the action reads.");
    public static readonly SharedResponse TooManyRequests = Declared("TooManyRequests", StatusCodes.Status429TooManyRequests, typeof(ProblemDetails),
        "Too many requests from this client address in the window (`RateLimiting:*`, off by default); `Retry-After` says when to try again.", SharedHeader.RetryAfter);
    public static readonly SharedResponse Unavailable = Declared("Unavailable", StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails),
        "The item store cannot serve now (busy beyond `Database:TimeoutSeconds`, full, read-only, unreachable); `Retry-After` says when to try again.",
        SharedHeader.RetryAfter);
    public static readonly SharedResponse Unauthorized = Declared("Unauthorized", StatusCodes.Status401Unauthorized, typeof(ProblemDetails),
        "Bearer tokens are configured (`Authentication:Schemes:Bearer`) and the request has no valid one.", SharedHeader.Authenticate);
    public static readonly SharedResponse ServerError = Declared("ServerError", StatusCodes.Status500InternalServerError, typeof(ProblemDetails),
        "An unexpected error; its text stays in the server's log, under the problem's `traceId`.");
    public static readonly SharedResponse Refused = new("Refused",
        "Any other status is the server's refusal before the API runs, without a body or `Content-Type`, and the connection closes: 408, headers slower than " +
        "`Kestrel:Limits:RequestHeadersTimeout`; 414, a request line longer than `Kestrel:Limits:MaxRequestLineSize`; 431, headers beyond `Kestrel:Limits`; " +
        "505, an HTTP version other than 1.0 and 1.1.");
    public static readonly SharedResponse HeadOk = new("HeadOk",
        "The headers of the GET's 200, `Content-Length` included, without its body.", SharedHeader.ETag, SharedHeader.CacheControl, SharedHeader.LastModified);
    public static readonly SharedResponse HeadOkNoStore = new("HeadOkNoStore",
        "The headers of the GET's 200, `Content-Length` included, without its body.", SharedHeader.NoStore);
    public static readonly SharedResponse HeadOther = new("HeadOther",
        "Any other status is GET's to the same request, with its headers (a 304's `ETag` and `Cache-Control`, a 429's `Retry-After`) and no body.");
    public static readonly SharedResponse Options = new("Options", "An empty body, and `Allow`: the methods the path takes.", SharedHeader.Allow);
    public static readonly SharedResponse Preflight = new("Preflight",
        "A CORS preflight while `Cors:AllowedOrigins` is set: no body; to an allowed origin, `Access-Control-Allow-*` headers naming the methods of `Allow`.");

    // An error an action declares without a type is its status's; the 400 depends on what the action reads.
    public static readonly SharedResponse[] ByStatus = [NotModified, PreconditionFailed, Unavailable, Unauthorized, NotFound, RequestTimeout, ContentTooLarge, UnsupportedMediaType, TooManyRequests, ServerError];

    public int Status { get; private init; }

    public Type? Problem { get; private init; }

    public IOpenApiResponse Reference(OpenApiDocument document, IDictionary<string, OpenApiMediaType>? content = null)
    {
        var responses = (document.Components ??= new OpenApiComponents()).Responses ??= new Dictionary<string, IOpenApiResponse>();
        if (!responses.ContainsKey(name))
        {
            var response = new OpenApiResponse { Description = description, Content = content };
            foreach (var header in headers) header.AddTo(response, document);
            responses[name] = response;
        }

        return new OpenApiResponseReference(name, document);
    }

    public async Task<IOpenApiResponse> ReferenceAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (Problem is null) return Reference(document);
        if (document.Components?.Schemas?.ContainsKey(Problem.Name) != true)
            document.AddComponent(Problem.Name, await context.GetOrCreateSchemaAsync(Problem, null, cancellationToken));
        return Reference(document, new Dictionary<string, OpenApiMediaType>
        {
            [MediaTypeNames.Application.ProblemJson] = new() { Schema = new OpenApiSchemaReference(Problem.Name, document) },
        });
    }

    private static SharedResponse Declared(string name, int status, Type? problem, string description, params SharedHeader[] headers) =>
        new(name, description, headers) { Status = status, Problem = problem };
}
