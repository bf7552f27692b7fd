using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Werkzeug.Forms;

/// <summary>
/// Binds every <see cref="IFormBindable{TSelf}"/> parameter (<see cref="FormFields"/> and the form
/// DTOs) from the form as Flask reads it, in place of MVC's form value provider, whose keys are
/// case-insensitive and which refuses a multipart body without a boundary.
/// </summary>
public sealed class FormModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
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
