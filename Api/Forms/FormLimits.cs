using Api.Limits;

namespace Api.Forms;

internal static class FormLimits
{
    public static void Check(int fieldCount, int keyBytes, int maxFields, int maxKeyBytes)
    {
        if (fieldCount > maxFields)
        {
            throw ContentTooLarge.Because($"The form has more than {maxFields} fields.");
        }

        if (keyBytes > maxKeyBytes)
        {
            throw ContentTooLarge.Because($"A form key is longer than {maxKeyBytes} bytes.");
        }
    }
}
