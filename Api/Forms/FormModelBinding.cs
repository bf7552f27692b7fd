using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Forms;

/// <summary>
/// Binds <see cref="FormFields"/> and every <see cref="IFormBindable{TSelf}"/> DTO from the form
/// as Flask reads it (case-sensitive keys, first value wins), in place of MVC's form value
/// provider, whose keys are case-insensitive.
/// </summary>
public sealed class FormModelBinderProvider : IModelBinderProvider
{
    /// <summary>Whether a parameter of this type is read from the request's form.</summary>
    public static bool BindsFromForm(Type modelType) => modelType == typeof(FormFields) || IsFormBindable(modelType);

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelType = context.Metadata.ModelType;
        if (modelType == typeof(FormFields))
        {
            return new FormFieldsModelBinder();
        }

        return IsFormBindable(modelType)
            ? (IModelBinder?)Activator.CreateInstance(typeof(FormBindableModelBinder<>).MakeGenericType(modelType))
            : null;
    }

    private static bool IsFormBindable(Type modelType) =>
        modelType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFormBindable<>) && i.GenericTypeArguments[0] == modelType);
}

internal static class FormFieldsFromRequest
{
    private static readonly object CacheKey = new();

    /// <summary>Reads the form once per request, however many parameters bind from it.</summary>
    public static async Task<FormFields> ReadAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(CacheKey, out var cached) && cached is FormFields fields)
        {
            return fields;
        }

        var reader = context.RequestServices.GetRequiredService<IFormFieldReader>();
        fields = await reader.ReadAsync(context.Request, context.RequestAborted);
        context.Items[CacheKey] = fields;
        return fields;
    }
}

public sealed class FormFieldsModelBinder : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var fields = await FormFieldsFromRequest.ReadAsync(bindingContext.HttpContext);
        bindingContext.Result = ModelBindingResult.Success(fields);
    }
}

internal sealed class FormBindableModelBinder<T> : IModelBinder
    where T : IFormBindable<T>
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var fields = await FormFieldsFromRequest.ReadAsync(bindingContext.HttpContext);
        bindingContext.Result = ModelBindingResult.Success(T.FromForm(fields));
    }
}
