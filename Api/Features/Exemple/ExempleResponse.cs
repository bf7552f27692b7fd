namespace Api.Features.Exemple;

/// <summary>The answer of <c>POST /exemple</c>: <c>{"return1": param1 + "AAA"}</c>.</summary>
public sealed record ExempleResponse(string Return1);
