using Microsoft.AspNetCore.WebUtilities;

namespace Api.Problems;

/// <summary>The <c>type</c> and <c>title</c> of each status this API answers with, per RFC 9457.</summary>
internal static class ProblemTypes
{
    private static readonly Dictionary<int, string> TypeUris = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [408] = "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        [411] = "https://tools.ietf.org/html/rfc9110#section-15.5.12",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [414] = "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [429] = "https://tools.ietf.org/html/rfc6585#section-4",
        [431] = "https://tools.ietf.org/html/rfc6585#section-5",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };

    public static string TypeFor(int status) => TypeUris.GetValueOrDefault(status, "about:blank");

    public static string TitleFor(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
