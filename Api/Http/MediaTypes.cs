namespace Api.Http;

/// <summary>The media types the API answers with.</summary>
public static class MediaTypes
{
    public const string PlainText = "text/plain; charset=utf-8";
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
}
