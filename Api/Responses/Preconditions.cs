namespace Api.Responses;

internal enum PreconditionOutcome
{
    Proceed,
    NotModified,
    Failed,
}

/// <summary>RFC 9110 §13.2.2, a malformed field or date ignored. Hand-written: the framework evaluates these fields only inside
/// its file results and output cache, and lets If-Modified-Since overrule a matching If-None-Match.</summary>
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
