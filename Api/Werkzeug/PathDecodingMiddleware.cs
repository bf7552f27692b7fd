namespace Api.Werkzeug;

/// <summary>
/// Routes on the path as Werkzeug decodes it: every escape decoded, <c>%2F</c> included, invalid
/// UTF-8 as U+FFFD and dot segments kept, where Kestrel keeps <c>%2F</c> and removes dot segments.
/// </summary>
internal sealed class PathDecodingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (RawPath(context.Features.Get<IHttpRequestFeature>()?.RawTarget) is { } rawPath && NeedsWerkzeugDecoding(rawPath))
        {
            context.Request.Path = new PathString(PercentDecoder.Decode(Encoding.Latin1.GetBytes(rawPath), plusIsSpace: false));
        }

        return next(context);
    }

    /// <summary>The path of an origin-form or absolute-form target, as sent; null for the other forms.</summary>
    public static string? RawPath(string? rawTarget)
    {
        var start = rawTarget switch
        {
            ['/', ..] => 0,
            null => -1,
            _ when rawTarget.IndexOf("://", StringComparison.Ordinal) is var scheme and > 0 =>
                rawTarget.IndexOf('/', scheme + 3) is var slash and >= 0 ? slash : rawTarget.Length,
            _ => -1,
        };
        if (start < 0 || start == rawTarget!.Length) return null;

        var query = rawTarget.IndexOf('?', start);
        return query < 0 ? rawTarget[start..] : rawTarget[start..query];
    }

    private static bool NeedsWerkzeugDecoding(string rawPath) =>
        rawPath.Contains('%', StringComparison.Ordinal) || rawPath.Contains("/.", StringComparison.Ordinal);
}
