namespace Api.Features.Convert;

[ApiController]
[WerkzeugRules]
[Route("/convert")]
[Tags(ApiTags.Converters)]
public sealed class ConvertController : ControllerBase
{
    private const string Rejected = " A value the converter does not accept matches no route: 404.";

    [HttpGet("string/{value}", Name = "convertString")]
    [DocumentOrder(1)]
    [EndpointSummary("Convert with the string converter")]
    [EndpointDescription("Echoes one path segment as text." + Rejected)]
    [ProducesResponseType<ConversionResponse<string>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"converter":"string","value":"café"}""")]
    public ActionResult<ConversionResponse<string>> ConvertString([FromRoute] string value) => new ConversionResponse<string>("string", value);

    [HttpGet($"int/{{value:{IntegerConverter.Name}}}", Name = "convertInt")]
    [DocumentOrder(2)]
    [EndpointSummary("Convert with the int converter")]
    [EndpointDescription("Echoes an unsigned integer of any size as an exact JSON number (`007` gives 7)." + Rejected)]
    [ProducesResponseType<ConversionResponse<BigInteger>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"converter":"int","value":18446744073709551616}""")]
    public ActionResult<ConversionResponse<BigInteger>> ConvertInt([FromRoute] BigInteger value) => new ConversionResponse<BigInteger>("int", value);

    [HttpGet($"float/{{value:{FloatConverter.Name}}}", Name = "convertFloat")]
    [DocumentOrder(3)]
    [EndpointSummary("Convert with the float converter")]
    [EndpointDescription("Echoes a decimal number written as digits, a dot and digits, as a JSON number." + Rejected)]
    [ProducesResponseType<ConversionResponse<double>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"converter":"float","value":1.5}""")]
    public ActionResult<ConversionResponse<double>> ConvertFloat([FromRoute] double value) => new ConversionResponse<double>("float", value);

    [HttpGet($"path/{{**value:{PathConverter.Name}}}", Name = "convertPath")]
    [DocumentOrder(4)]
    [EndpointSummary("Convert with the path converter")]
    [EndpointDescription("Echoes the rest of the path, slashes and a trailing slash included." + Rejected)]
    [ProducesResponseType<ConversionResponse<string>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"converter":"path","value":"a/b/"}""")]
    public ActionResult<ConversionResponse<string>> ConvertPath([FromRoute] string value) => new ConversionResponse<string>("path", value);

    [HttpGet($"uuid/{{value:{UuidConverter.Name}}}", Name = "convertUuid")]
    [DocumentOrder(5)]
    [EndpointSummary("Convert with the uuid converter")]
    [EndpointDescription("Echoes a dashed UUID, in lower case." + Rejected)]
    [ProducesResponseType<ConversionResponse<string>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"converter":"uuid","value":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}""")]
    public ActionResult<ConversionResponse<string>> ConvertUuid([FromRoute] Guid value) => new ConversionResponse<string>("uuid", value.ToString());

    [HttpGet($"list/{{value:{ListConverter.Name}}}", Name = "convertList")]
    [DocumentOrder(6)]
    [EndpointSummary("Convert with the custom list converter")]
    [EndpointDescription("Splits one path segment on `+` and echoes the parts as a JSON array (`a++b` gives `[\"a\",\"\",\"b\"]`)." + Rejected)]
    [ProducesResponseType<ConversionResponse<string[]>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"converter":"list","value":["a","b","c"]}""")]
    public ActionResult<ConversionResponse<string[]>> ConvertList([FromRoute] string[] value) => new ConversionResponse<string[]>("list", value);
}

/// <summary>The answer of every <c>/convert/{converter}/{value}</c> route: the converter's name and the typed value.</summary>
[SchemaName("ConversionOf{0}")]
public sealed record ConversionResponse<T>(string Converter, T Value)
    where T : notnull;

internal sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    // Stryker disable once Boolean: a BigInteger's digits are always a JSON number; checking them again would only take time
    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
}
