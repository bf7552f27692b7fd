namespace Api.Werkzeug.Forms;

/// <summary><see cref="FormOptions"/>' limits, held as MVC's form reading holds them and answered 413 as Kestrel answers a body too large.</summary>
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
