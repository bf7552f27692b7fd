namespace Api.Limits;

/// <summary>A body or form beyond a configured limit: answered 413 with the limit in the detail.</summary>
public static class ContentTooLarge
{
    public static BadHttpRequestException Because(string detail) =>
        new(detail, StatusCodes.Status413PayloadTooLarge);
}
