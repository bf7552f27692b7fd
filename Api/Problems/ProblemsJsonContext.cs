namespace Api.Problems;

[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(ValidationProblemDetails))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProblemsJsonContext : JsonSerializerContext;
