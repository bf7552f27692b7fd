namespace Api.Werkzeug.Forms;

/// <summary>
/// Binds form parameters (<see cref="IFormBindable{TSelf}"/>) as Flask reads forms, where MVC's form
/// value provider has case-insensitive keys and refuses a multipart body without a boundary.
/// </summary>
internal sealed class FormModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        return IsFormBindable(type) ? (IModelBinder?)Activator.CreateInstance(typeof(FormModelBinder<>).MakeGenericType(type)) : null;
    }

    private static bool IsFormBindable(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFormBindable<>) && i.GenericTypeArguments[0] == type);

    private sealed class FormModelBinder<T> : IModelBinder
        where T : IFormBindable<T>
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var http = bindingContext.HttpContext;
            var fields = await http.RequestServices.GetRequiredService<FormFieldReader>().ReadAsync(http.Request, http.RequestAborted);
            bindingContext.Result = ModelBindingResult.Success(T.FromForm(fields));
        }
    }
}
