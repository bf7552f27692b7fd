using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Api.OpenApi;

internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] FormMediaTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

    private static readonly SharedParameter[] ConditionParameters =
    [
        new("IfNoneMatch", HeaderNames.IfNoneMatch, "ETags of copies the client holds, compared weakly, or `*`: a 304 when one is this answer's."),
        new("IfModifiedSince", HeaderNames.IfModifiedSince, "An HTTP date: a 304 when `Last-Modified` is not newer. Ignored when `If-None-Match` is sent."),
    ];

    private static readonly SharedParameter[] ChangeConditions =
    [
        new("IfMatch", HeaderNames.IfMatch, "ETags compared strongly, or `*`: a 412 when none is the item's current one, and nothing changes."),
        new("IfUnmodifiedSince", HeaderNames.IfUnmodifiedSince, "An HTTP date: a 412 when the item changed since. Ignored when `If-Match` is sent."),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var document = context.Document!;
        if (description.ActionDescriptor.EndpointMetadata.OfType<DocumentOrderAttribute>().FirstOrDefault() is { } order)
            (operation.Metadata ??= new Dictionary<string, object>())[nameof(DocumentOrderAttribute)] = order.Place;
        DescribePathParameters(operation, description);
        DescribeFormBody(operation, description, document, context.ApplicationServices);
        AddExamples(operation, description);
        await AddSharedResponsesAsync(operation, context, cancellationToken);
        DescribeCaching(operation, description, document);
        DescribeAnswers(operation, description, document);
        // The framework names an operation by its route's name; without one, by the controller's and action's.
        var action = (ControllerActionDescriptor)description.ActionDescriptor;
        operation.OperationId ??= char.ToLowerInvariant(action.ControllerName[0]) + action.ControllerName[1..] + action.ActionName;
    }

    // The statuses the API answers an action with beyond its own, and the errors it declares without a type, as shared answers.
    private static async Task AddSharedResponsesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var sources = description.ParameterDescriptions.Select(parameter => parameter.Source).ToList();
        var readsBody = description.HttpMethod is "POST" or "PUT" or "PATCH";
        // BodyFormatter's 304 and 412, where the answer may be stored.
        var validated = description.HttpMethod is "GET" or "HEAD" && !metadata.OfType<ResponseCacheAttribute>().Any(cache => cache.NoStore);
        SharedResponse?[] answers =
        [
            validated ? SharedResponse.NotModified : null,
            validated ? SharedResponse.PreconditionFailed : null,
            readsBody ? SharedResponse.InvalidBody
                : sources.Any(source => source != BindingSource.Path && source != BindingSource.Services && source != BindingSource.Special)
                    ? SharedResponse.InvalidValue
                    : SharedResponse.BadRequest,
            readsBody ? SharedResponse.RequestTimeout : null,
            readsBody ? SharedResponse.ContentTooLarge : null,
            description.RelativePath?.Contains('{', StringComparison.Ordinal) == true ? SharedResponse.NotFound : null,
            sources.Contains(BindingSource.Body) ? SharedResponse.UnsupportedMediaType : null,
            metadata.OfType<DisableRateLimitingAttribute>().Any() ? null : SharedResponse.TooManyRequests,
            SharedResponse.ServerError,
        ];

        foreach (var shared in answers.OfType<SharedResponse>().Union(SharedResponse.ByStatus))
        {
            // An action's own declaration of a status stands where it names another type (the probes' 503).
            var own = description.SupportedResponseTypes.FirstOrDefault(response => response.StatusCode == shared.Status);
            if (own is null ? answers.Contains(shared) : own.Type == typeof(void) || own.Type == shared.Problem)
                operation.Responses![shared.Status.ToString(CultureInfo.InvariantCulture)] = await shared.ReferenceAsync(context, cancellationToken);
        }

        operation.Responses!["default"] = SharedResponse.Refused.Reference(context.Document!);
    }

    // BodyFormatter's validators and conditions: the build's, or an action's own with [ResponseCache]; a 412 change's conditions.
    private static void DescribeCaching(OpenApiOperation operation, ApiDescription description, OpenApiDocument document)
    {
        var cache = description.ActionDescriptor.EndpointMetadata.OfType<ResponseCacheAttribute>().FirstOrDefault();
        if (operation.Responses?.ContainsKey("412") == true && operation.Responses?.ContainsKey("304") != true)
            operation.Parameters = [.. operation.Parameters ?? [], .. ChangeConditions.Select(parameter => parameter.Reference(document))];
        if (cache?.NoStore != true && operation.Responses?.ContainsKey("304") != true) return;

        // A HEAD's 200 is its GET's without the body: shared where every GET of its kind has the same headers.
        if (cache is null || cache.NoStore) (operation.Metadata ??= new Dictionary<string, object>())[DocumentTransformer.HeadOk] = cache is null ? SharedResponse.HeadOk : SharedResponse.HeadOkNoStore;
        SharedHeader[] headers = cache is null ? [SharedHeader.ETag, SharedHeader.CacheControl, SharedHeader.LastModified] : cache.NoStore ? [SharedHeader.NoStore] : [SharedHeader.ETag, SharedHeader.CacheControl];
        foreach (var header in headers) header.AddTo(Response(operation, StatusCodes.Status200OK), document);
        if (cache?.NoStore == true) SharedHeader.NoStore.AddTo(Response(operation, StatusCodes.Status503ServiceUnavailable), document);
        else operation.Parameters = [.. operation.Parameters ?? [], .. ConditionParameters.Select(parameter => parameter.Reference(document))];
    }

    private static void DescribeAnswers(OpenApiOperation operation, ApiDescription description, OpenApiDocument document)
    {
        foreach (var header in description.ActionDescriptor.EndpointMetadata.OfType<ResponseHeaderAttribute>())
            SharedHeader.Named(header.Name).AddTo(Response(operation, header.StatusCode), document);
        foreach (var links in description.ActionDescriptor.EndpointMetadata.OfType<ResponseLinksAttribute>())
        {
            if (Response(operation, links.StatusCode) is not { } response) continue;
            response.Links = links.OperationIds.ToDictionary(id => id, id => (IOpenApiLink)new OpenApiLink
            {
                OperationId = id,
                Parameters = new Dictionary<string, RuntimeExpressionAnyWrapper> { [links.Parameter] = new() { Expression = RuntimeExpression.Build($"$response.body#/{links.Parameter}") } },
            });
        }
    }

    private static OpenApiResponse? Response(OpenApiOperation operation, int status) =>
        operation.Responses?.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture)) as OpenApiResponse;

    private static void DescribePathParameters(OpenApiOperation operation, ApiDescription description)
    {
        if (!FollowsWerkzeug(description)) return;
        foreach (var parameter in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Path))
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == parameter.Name) is not { } documented) continue;
            // A string as sent, whatever the converter makes of it: a generated client passes `2.0` or `007` through unchanged.
            var schema = parameter.RouteInfo?.Constraints?.OfType<WerkzeugConverter>().FirstOrDefault()?.Schema ?? WerkzeugConverter.DefaultSchema;
            documented.Description = schema.Description;
            documented.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = schema.Pattern };
        }
    }

    private static void DescribeFormBody(OpenApiOperation operation, ApiDescription description, OpenApiDocument document, IServiceProvider services)
    {
        if (description.ActionDescriptor.Parameters.Any(p => p.ParameterType == typeof(IFormCollection)))
        {
            operation.Parameters = operation.Parameters?.Where(p => p.In == ParameterLocation.Path).ToList();
            // Any text fields, the ones the action names described, so that generators give clients a property to set.
            var named = description.ActionDescriptor.EndpointMetadata.OfType<DocumentedFormFieldAttribute>().ToList();
            SetFormBody(operation, document, description.ActionDescriptor.RouteValues["action"]!, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Any text fields, each echoed back.",
                Properties = named.Count == 0 ? null : named.ToDictionary(field => field.Name, field => (IOpenApiSchema)new OpenApiSchema { Type = JsonSchemaType.String, Description = field.Description }),
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
            }, required: false, FollowsWerkzeug(description));
            return;
        }

        var formFields = description.ParameterDescriptions.Where(p => p.Source == BindingSource.Form).ToList();
        if (formFields.Count == 0 || operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema is not OpenApiSchema schema) return;
        foreach (var field in formFields.Where(field => IsRequiredByValidator(field, services))) (schema.Required ??= new HashSet<string>()).Add(field.Name);
        SetFormBody(operation, document, formFields[0].ModelMetadata.ContainerType?.Name ?? formFields[0].Type.Name, schema, required: true, FollowsWerkzeug(description));
    }

    private static bool FollowsWerkzeug(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<Werkzeug.WerkzeugRulesAttribute>().Any();

    private static void SetFormBody(OpenApiOperation operation, OpenApiDocument document, string name, OpenApiSchema schema, bool required, bool readAsWerkzeug)
    {
        // Each multipart field is a text part: a part sent as a file is left out, as Werkzeug leaves it.
        var textParts = schema.Properties?.Keys.ToDictionary(field => field, _ => new OpenApiEncoding { ContentType = "text/plain; charset=utf-8" });
        ((document.Components ??= new OpenApiComponents()).Schemas ??= new Dictionary<string, IOpenApiSchema>())[name] = schema;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = required,
            Description = readAsWerkzeug
                ? "A form, urlencoded or multipart (file parts are ignored). Keys are case-sensitive; a repeated key gives its first value."
                : "A form, urlencoded or multipart.",
            Content = FormMediaTypes.ToDictionary(type => type, type => new OpenApiMediaType
            {
                Schema = new OpenApiSchemaReference(name, document),
                Encoding = type == FormMediaTypes[1] ? textParts : null,
            }),
        };
    }

    private static bool IsRequiredByValidator(ApiParameterDescription field, IServiceProvider services) =>
        field.ModelMetadata is { ContainerType: { } container }
        && services.GetService(typeof(IValidator<>).MakeGenericType(container)) is IValidator validator
        && SchemaTransformer.Requires(validator.CreateDescriptor(), field.Name);

    private static void AddExamples(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var example in description.ActionDescriptor.EndpointMetadata.OfType<ResponseExampleAttribute>())
        {
            foreach (var (mediaType, content) in Response(operation, example.StatusCode)?.Content ?? new Dictionary<string, OpenApiMediaType>())
                content.Example = mediaType.StartsWith(MediaTypeNames.Application.Json, StringComparison.Ordinal) ? JsonNode.Parse(example.Example) : JsonValue.Create(example.Example);
        }
    }
}
