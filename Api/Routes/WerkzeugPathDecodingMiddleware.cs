using System.Text;
using Api.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Api.Routes;

/// <summary>
/// Routes on the path as Werkzeug sees it: every percent-escape decoded, <c>%2F</c> included
/// (so <c>/test/a%2Fb</c> is two segments and no match), invalid UTF-8 as U+FFFD, and dot
/// segments kept as they were sent. Kestrel's own decoding keeps <c>%2F</c> encoded and removes
/// dot segments, so such paths are decoded again from the raw request target.
/// </summary>
public sealed class WerkzeugPathDecodingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (rawTarget is { Length: > 0 } && rawTarget[0] == '/' && NeedsWerkzeugDecoding(rawTarget))
        {
            var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
            var rawPath = query < 0 ? rawTarget : rawTarget[..query];
            context.Request.Path = new PathString(PercentDecoder.Decode(Encoding.Latin1.GetBytes(rawPath), plusIsSpace: false));
        }

        return next(context);
    }

    private static bool NeedsWerkzeugDecoding(string rawTarget) =>
        rawTarget.Contains('%', StringComparison.Ordinal) || rawTarget.Contains("/.", StringComparison.Ordinal);
}
