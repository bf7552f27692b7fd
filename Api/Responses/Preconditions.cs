namespace Api.Responses;

/// <summary>What a request's preconditions decide for a representation that exists (RFC 9110 §13.2.2).</summary>
internal enum PreconditionOutcome
{
    /// <summary>Answer as if there were no precondition.</summary>
    Proceed,

    /// <summary>304, for GET and HEAD: the client's copy is current.</summary>
    NotModified,

    /// <summary>412: the representation is not the one the client's precondition names.</summary>
    Failed,
}

/// <summary>
/// RFC 9110 §13's conditional requests, evaluated in §13.2.2's order against the validators of the selected
/// representation: If-Match (compared strongly) or else If-Unmodified-Since, then If-None-Match (compared weakly) or
/// else, for GET and HEAD, If-Modified-Since. A field that is not <c>*</c> alone or a list of entity tags, and a date
/// that does not parse, are ignored. Asked only where the answer without preconditions would be 2xx: a 404 stays a
/// 404. Hand-written: the framework evaluates these fields only inside its file results and output cache, and lets
/// If-Modified-Since overrule a matching If-None-Match.
/// </summary>
internal static class Preconditions
{
    public static PreconditionOutcome Evaluate(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var headers = request.Headers;
        if (headers.IfMatch.Count + headers.IfNoneMatch.Count + headers.IfModifiedSince.Count + headers.IfUnmodifiedSince.Count == 0) return PreconditionOutcome.Proceed;

        return Evaluate(headers, request.Method, new EntityTagHeaderValue(etag), lastModified);
    }

    private static PreconditionOutcome Evaluate(IHeaderDictionary headers, string method, EntityTagHeaderValue etag, DateTimeOffset? lastModified)
    {
        if (EntityTags(headers.IfMatch) is { } ifMatch)
        {
            if (!ifMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: true))) return PreconditionOutcome.Failed;
        }
        else if (lastModified > Date(headers.IfUnmodifiedSince))
        {
            return PreconditionOutcome.Failed;
        }

        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (EntityTags(headers.IfNoneMatch) is { } ifNoneMatch)
        {
            if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
            {
                return isRead ? PreconditionOutcome.NotModified : PreconditionOutcome.Failed;
            }
        }
        else if (isRead && lastModified <= Date(headers.IfModifiedSince))
        {
            return PreconditionOutcome.NotModified;
        }

        return PreconditionOutcome.Proceed;
    }

    // `*` alone, or one or more entity tags; anything else is not a condition.
    private static IList<EntityTagHeaderValue>? EntityTags(StringValues field) =>
        field.Count > 0 && EntityTagHeaderValue.TryParseStrictList(field, out var tags) && tags.Count > 0
            && (tags.Count == 1 || !tags.Contains(EntityTagHeaderValue.Any))
            ? tags
            : null;

    private static DateTimeOffset? Date(StringValues field) =>
        field.Count == 1 && HeaderUtilities.TryParseDate(field.ToString(), out var date) ? date : null;
}
