using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Werkzeug.Converters;

/// <summary>
/// Binds a route parameter to the value routing left for it: the value its converter produced, or
/// for a parameter without one (Werkzeug's default converter) the segment exactly as decoded,
/// where MVC's own binding would turn a segment of spaces into null.
/// </summary>
public sealed class RouteValueBinder : IModelBinder, IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.BindingInfo.BindingSource == BindingSource.Path ? this : null;
    }

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        if (bindingContext.ActionContext.RouteData.Values.GetValueOrDefault(bindingContext.FieldName) is { } value
            && bindingContext.ModelType.IsInstanceOfType(value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }

        return Task.CompletedTask;
    }
}
