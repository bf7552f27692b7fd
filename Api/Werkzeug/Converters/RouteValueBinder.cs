namespace Api.Werkzeug.Converters;

/// <summary>
/// Binds a route parameter to its route value: its converter's value, or the segment as decoded
/// (MVC's own binding would turn a segment of spaces into null).
/// </summary>
internal sealed class RouteValueBinder : IModelBinder, IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.BindingInfo.BindingSource == BindingSource.Path ? this : null;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        if (bindingContext.ActionContext.RouteData.Values.GetValueOrDefault(bindingContext.FieldName) is { } value
            && bindingContext.ModelType.IsInstanceOfType(value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }

        return Task.CompletedTask;
    }
}
