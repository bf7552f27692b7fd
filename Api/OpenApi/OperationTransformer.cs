using System.Text.Json.Nodes;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Api.OpenApi;

/// <summary>
/// Each operation as the API answers it: its id, its path parameters' patterns, both form media
/// types with the fields the validators require, examples, Allow and Retry-After, HEAD without bodies.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] FormMediaTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var isHead = string.Equals(description.HttpMethod, HttpMethods.Head, StringComparison.OrdinalIgnoreCase);

        DescribePathParameters(operation, description);
        DescribeFormBody(operation, context);
        AddExamples(operation, description);
        AddHeader(operation, StatusCodes.Status405MethodNotAllowed, HeaderNames.Allow, "The methods the path takes, comma-separated: `GET, HEAD, OPTIONS`.");
        AddHeader(operation, StatusCodes.Status429TooManyRequests, HeaderNames.RetryAfter, "Seconds until the client may send again.");
        DescribeCaching(operation, description);
        SetOperationId(operation, description, isHead);
        if (isHead) DescribeAsHead(operation);

        return Task.CompletedTask;
    }

    /// <summary>The validators and conditions of a GET with a 304 (<see cref="BodyFormatter"/>), or the no-store of one with <c>[ResponseCache]</c>.</summary>
    private static void DescribeCaching(OpenApiOperation operation, ApiDescription description)
    {
        if (description.ActionDescriptor.EndpointMetadata.OfType<ResponseCacheAttribute>().Any())
        {
            foreach (var status in new[] { 200, 503 }) AddHeader(operation, status, HeaderNames.CacheControl, "`no-store`: no cache keeps the answer.");
        }
        else if (operation.Responses?.ContainsKey("304") == true)
        {
            foreach (var status in new[] { 200, 304 })
            {
                AddHeader(operation, status, HeaderNames.ETag, "A strong validator, a hash of the body: send it back in `If-None-Match`.");
                AddHeader(operation, status, HeaderNames.CacheControl, "How long caches may keep the answer: `Caching:CacheControl` (by default `public, max-age=60`).");
            }

            AddHeader(operation, 200, HeaderNames.LastModified, "When the running build was made (an HTTP date): send it back in `If-Modified-Since`.");
            operation.Parameters = [.. operation.Parameters ?? [],
                new OpenApiParameter { Name = HeaderNames.IfNoneMatch, In = ParameterLocation.Header, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Description = "ETags of copies the client holds, compared weakly, or `*`: a 304 when one is this answer's." },
                new OpenApiParameter { Name = HeaderNames.IfModifiedSince, In = ParameterLocation.Header, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Description = "An HTTP date: a 304 when the build is not newer. Ignored when `If-None-Match` is sent." }];
        }
    }

    public static void AddHeader(OpenApiOperation operation, int status, string name, string description)
    {
        if (Response(operation, status) is { } response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    private static OpenApiResponse? Response(OpenApiOperation operation, int status) =>
        operation.Responses?.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture)) as OpenApiResponse;

    /// <summary>The route's name, or else the controller's and action's names: <c>probeGetById</c>.</summary>
    private static void SetOperationId(OpenApiOperation operation, ApiDescription description, bool isHead)
    {
        var action = (ControllerActionDescriptor)description.ActionDescriptor;
        var name = action.AttributeRouteInfo?.Name ?? action.ControllerName + action.ActionName;
        operation.OperationId = (isHead ? "head" + char.ToUpperInvariant(name[0]) : char.ToLowerInvariant(name[0]).ToString()) + name[1..];
    }

    private static void DescribeAsHead(OpenApiOperation operation)
    {
        operation.Summary = $"{operation.Summary} (headers only)";
        operation.Description = $"The headers GET would answer, `Content-Length` included, without a body. {operation.Description}";
        foreach (var response in (operation.Responses ?? []).Values.OfType<OpenApiResponse>()) response.Content = null;
    }

    private static void DescribePathParameters(OpenApiOperation operation, ApiDescription description)
    {
        if (!FollowsWerkzeug(description)) return;

        foreach (var parameter in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Path))
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == parameter.Name) is not { } documented) continue;

            // A string as sent, whatever the converter makes of it: a generated client passes `2.0`
            // or `007` through unchanged. A parameter without a converter is Werkzeug's default one.
            var schema = parameter.RouteInfo?.Constraints?.OfType<WerkzeugConverter>().FirstOrDefault()?.Schema ?? WerkzeugConverter.DefaultSchema;
            documented.Description = schema.Description;
            documented.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = schema.Pattern };
        }
    }

    private static void DescribeFormBody(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        if (description.ActionDescriptor.Parameters.Any(p => p.ParameterType == typeof(IFormCollection)))
        {
            operation.Parameters = operation.Parameters?.Where(p => p.In == ParameterLocation.Path).ToList();
            // Any text fields; the tutorial's own is named, so that generators give clients a property to set.
            SetFormBody(operation, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Any text fields, each echoed back.",
                Properties = new Dictionary<string, IOpenApiSchema> { ["param1"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The tutorial's field." } },
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
            }, required: false, FollowsWerkzeug(description));
            return;
        }

        var formFields = description.ParameterDescriptions.Where(p => p.Source == BindingSource.Form).ToList();
        if (formFields.Count == 0 || operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema is not OpenApiSchema schema) return;

        foreach (var field in formFields.Where(field => IsRequiredByValidator(field, context.ApplicationServices)))
        {
            (schema.Required ??= new HashSet<string>()).Add(field.Name);
        }

        SetFormBody(operation, schema, required: true, FollowsWerkzeug(description));
    }

    private static bool FollowsWerkzeug(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<Werkzeug.WerkzeugRulesAttribute>().Any();

    private static void SetFormBody(OpenApiOperation operation, OpenApiSchema schema, bool required, bool readAsWerkzeug)
    {
        // Each multipart field is a text part: a part sent as a file is left out, as Werkzeug leaves it.
        var textParts = schema.Properties?.Keys.ToDictionary(field => field, _ => new OpenApiEncoding { ContentType = "text/plain; charset=utf-8" });
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = required,
            Description = readAsWerkzeug
                ? "A form, urlencoded or multipart (file parts are ignored). Keys are case-sensitive; a repeated key gives its first value."
                : "A form, urlencoded or multipart.",
            Content = FormMediaTypes.ToDictionary(type => type, type => new OpenApiMediaType { Schema = schema, Encoding = type == FormMediaTypes[1] ? textParts : null }),
        };
    }

    // The validator names its rules by the field names clients send (OverridePropertyName).
    private static bool IsRequiredByValidator(ApiParameterDescription field, IServiceProvider services) =>
        field.ModelMetadata is { ContainerType: { } container }
        && services.GetService(typeof(IValidator<>).MakeGenericType(container)) is IValidator validator
        && validator.CreateDescriptor().GetValidatorsForMember(field.Name).Any(v => v.Validator is INotNullValidator or INotEmptyValidator);

    private static void AddExamples(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var example in description.ActionDescriptor.EndpointMetadata.OfType<ResponseExampleAttribute>())
        {
            foreach (var (mediaType, content) in Response(operation, example.StatusCode)?.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                content.Example = mediaType.StartsWith(MediaTypeNames.Application.Json, StringComparison.Ordinal)
                    ? JsonNode.Parse(example.Example)
                    : JsonValue.Create(example.Example);
            }
        }
    }
}
