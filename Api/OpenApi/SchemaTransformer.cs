using FluentValidation.Validators;

namespace Api.OpenApi;

/// <summary>Schemas as the API writes and reads them: exact numbers, problems' members, the members validators require.</summary>
internal sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly string[] ProblemRequired = ["type", "title", "status", ProblemResponses.TraceIdExtension];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(decimal) || type == typeof(decimal?))
        {
            // A client generator maps `decimal` to an exact type: a price is written with its cents, never rounded.
            schema.Format = "decimal";
        }
        else if (context.JsonPropertyInfo is null && !type.IsGenericTypeDefinition && context.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(type)) is IValidator validator)
        {
            var descriptor = validator.CreateDescriptor();
            foreach (var (name, property) in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Where(property => Requires(descriptor, property.Key)))
            {
                (schema.Required ??= new HashSet<string>()).Add(name);
                if (property is OpenApiSchema required) required.Type &= ~JsonSchemaType.Null;
            }
        }
        else if (type == typeof(BigInteger))
        {
            // Client generators read `integer` as 32 bits and `int64` cannot hold 2^64: a decimal number maps to a type that can.
            schema.Type = JsonSchemaType.Number;
            schema.Format = "decimal";
            schema.Description = "A whole number of any size, written as a JSON integer.";
            schema.Properties = null;
        }
        else if (context.JsonPropertyInfo is null && typeof(ProblemDetails).IsAssignableFrom(type))
        {
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? []) property.Type &= ~JsonSchemaType.Null;
            schema.Properties?.Remove("instance");
            schema.Properties?[ProblemResponses.TraceIdExtension] =
                new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the request, to find it in the logs." };
            schema.Required = new HashSet<string>(ProblemRequired);
            schema.Description = type == typeof(ValidationProblemDetails)
                ? "An RFC 9457 problem; `errors` names each invalid form field (it is absent when the body could not be read). Further members may be added."
                : "An RFC 9457 problem. Further members may be added.";
        }

        return Task.CompletedTask;
    }

    // The rules are named by the names clients send (OverridePropertyName).
    public static bool Requires(IValidatorDescriptor descriptor, string member) =>
        descriptor.GetValidatorsForMember(member).Any(v => v.Validator is INotNullValidator or INotEmptyValidator);
}
