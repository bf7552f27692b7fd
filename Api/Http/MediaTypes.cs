namespace Api.Http;

internal static class MediaTypes
{
    /// <summary>Text answers are <c>text/plain; charset=utf-8</c>; the document lists them under the media type alone, as generators expect.</summary>
    public const string Text = "text/plain";
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
}
