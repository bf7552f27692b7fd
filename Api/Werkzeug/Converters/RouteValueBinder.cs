namespace Api.Werkzeug.Converters;

/// <summary>
/// Binds a route parameter of <see cref="WerkzeugRulesAttribute"/>'s controllers to the value its converter made, or to
/// the segment as decoded (MVC's binding would turn a segment of spaces into null, and a list into its text).
/// </summary>
internal sealed class RouteValueBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ActionContext.RouteData.Values.GetValueOrDefault(bindingContext.FieldName);
        bindingContext.Result = bindingContext.ModelType.IsInstanceOfType(value)
            ? ModelBindingResult.Success(value)
            : throw new InvalidOperationException(
                $"Route parameter '{bindingContext.FieldName}' is a {bindingContext.ModelType.Name}, but its converter gives {value?.GetType().Name ?? "nothing"}.");
        return Task.CompletedTask;
    }
}
