using System.Numerics;
using Api.Constraints;
using Api.Echo;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Api.Routes;

/// <summary>
/// <c>/convert/{converter}/{value}</c>: Flask's five URL converters and the tutorial's custom
/// <c>list</c> one. A segment the converter does not accept matches no route (404).
/// </summary>
[Route("/convert")]
public sealed class ConvertController(IEchoService echo) : ControllerBase
{
    private static EchoJsonContext Json => EchoJsonContext.Utf8;

    [HttpGet("string/{value}")]
    public IActionResult ConvertString([FromRoute, ModelBinder<StringConverter>] string value) =>
        BodyResult.Json(echo.DescribeConversion("string", value), Json.ConversionResponseString);

    [HttpGet($"int/{{value:{IntegerConverter.Name}}}")]
    public IActionResult ConvertInt([FromRoute, ModelBinder<IntegerConverter>] BigInteger value) =>
        BodyResult.Json(echo.DescribeConversion("int", value), Json.ConversionResponseBigInteger);

    [HttpGet($"float/{{value:{FloatConverter.Name}}}")]
    public IActionResult ConvertFloat([FromRoute, ModelBinder<FloatConverter>] double value) =>
        BodyResult.Json(echo.DescribeConversion("float", value), Json.ConversionResponseDouble);

    [HttpGet($"path/{{**value:{PathConverter.Name}}}")]
    public IActionResult ConvertPath([FromRoute, ModelBinder<PathConverter>] string value) =>
        BodyResult.Json(echo.DescribeConversion("path", value), Json.ConversionResponseString);

    [HttpGet($"uuid/{{value:{UuidConverter.Name}}}")]
    public IActionResult ConvertUuid([FromRoute, ModelBinder<UuidConverter>] Guid value) =>
        BodyResult.Json(echo.DescribeConversion("uuid", value.ToString("D")), Json.ConversionResponseString);

    [HttpGet($"list/{{value:{ListConverter.Name}}}")]
    public IActionResult ConvertList([FromRoute, ModelBinder<ListConverter>] string[] value) =>
        BodyResult.Json(echo.DescribeConversion("list", value), Json.ConversionResponseStringArray);
}
