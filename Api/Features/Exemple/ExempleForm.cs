using System.ComponentModel.DataAnnotations;

namespace Api.Features.Exemple;

/// <summary>The form of <c>POST /exemple</c>.</summary>
public sealed record ExempleForm
{
    public const string Param1Field = "param1";

    /// <summary>Any text, empty included. Its key is case-sensitive; a repeated key gives its first value.</summary>
    [FromForm(Name = Param1Field)]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Param1 { get; init; }
}
