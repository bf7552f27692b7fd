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

/// <summary>RFC 9110 §13's conditional requests in §13.2.2's order: If-Match (strong) or else If-Unmodified-Since, then
/// If-None-Match (weak) or else, for GET and HEAD, If-Modified-Since; a malformed field or date is ignored. Asked only where
/// the answer would be 2xx. Hand-written: the framework evaluates these fields only inside its file results and output
/// cache, and lets If-Modified-Since overrule a matching If-None-Match.</summary>
internal static class Preconditions
{
    public static PreconditionOutcome Evaluate(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var headers = request.Headers;
        if (headers.IfMatch.Count + headers.IfNoneMatch.Count + headers.IfModifiedSince.Count + headers.IfUnmodifiedSince.Count == 0) return PreconditionOutcome.Proceed;
        var tag = new EntityTagHeaderValue(etag);
        if (EntityTags(headers.IfMatch) is { } ifMatch
                ? !ifMatch.Any(other => other.Equals(EntityTagHeaderValue.Any) || other.Compare(tag, useStrongComparison: true))
                : lastModified > Date(headers.IfUnmodifiedSince))
        {
            return PreconditionOutcome.Failed;
        }

        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (EntityTags(headers.IfNoneMatch) is { } ifNoneMatch
                ? ifNoneMatch.Any(other => other.Equals(EntityTagHeaderValue.Any) || other.Compare(tag, useStrongComparison: false))
                : isRead && lastModified <= Date(headers.IfModifiedSince))
        {
            return isRead ? PreconditionOutcome.NotModified : PreconditionOutcome.Failed;
        }

        return PreconditionOutcome.Proceed;
    }

    // `*` alone, or one or more entity tags; anything else is not a condition.
    private static IList<EntityTagHeaderValue>? EntityTags(StringValues field) =>
        field.Count > 0 && EntityTagHeaderValue.TryParseStrictList(field, out var tags) && tags.Count > 0 && (tags.Count == 1 || !tags.Contains(EntityTagHeaderValue.Any)) ? tags : null;

    private static DateTimeOffset? Date(StringValues field) => field.Count == 1 && HeaderUtilities.TryParseDate(field.ToString(), out var date) ? date : null;
}
