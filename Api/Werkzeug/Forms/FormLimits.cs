namespace Api.Werkzeug.Forms;

/// <summary>
/// The form limits of <see cref="Microsoft.AspNetCore.Http.Features.FormOptions"/>, held as MVC's
/// own form reading holds them, answered 413 (as Kestrel answers a body beyond its limit).
/// </summary>
internal static class FormLimits
{
    public static void Check(int fieldCount, int keyBytes, int maxFields, int maxKeyBytes)
    {
        if (fieldCount > maxFields)
        {
            throw new BadHttpRequestException($"The form has more than {maxFields} fields.", StatusCodes.Status413PayloadTooLarge);
        }

        if (keyBytes > maxKeyBytes)
        {
            throw new BadHttpRequestException($"A form key is longer than {maxKeyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
    }
}
