using System.Text.Json.Nodes;

namespace Api.Features;

// So that one action takes JSON or a form: two told apart by [Consumes] are ambiguous without a Content-Type.
internal sealed class FormBodyFormatter : InputFormatter
{
    private readonly JsonSerializerOptions _fromText;

    public FormBodyFormatter(JsonSerializerOptions json)
    {
        _fromText = new(json) { NumberHandling = JsonNumberHandling.AllowReadingFromString };
        SupportedMediaTypes.Add(MediaTypeNames.Application.FormUrlEncoded);
        SupportedMediaTypes.Add(MediaTypeNames.Multipart.FormData);
    }

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        var request = context.HttpContext.Request;
        try
        {
            var fields = new JsonObject();
            foreach (var (key, values) in await request.ReadFormAsync(context.HttpContext.RequestAborted))
                fields[key] = values is [{ Length: > 0 } value, ..] ? value : null;
            return InputFormatterResult.Success(fields.Deserialize(context.ModelType, _fromText));
        }
        catch (InvalidDataException)
        {
            context.ModelState.TryAddModelError(context.ModelName, "The form cannot be read: it is malformed, or holds more fields or longer keys than the limits allow.");
        }
        catch (JsonException invalid) when (invalid.Path is { Length: > 2 } path)
        {
            context.ModelState.TryAddModelError(path[2..], "The value is not valid for this field.");
        }

        return InputFormatterResult.Failure();
    }
}
