namespace Api.Werkzeug.Forms;

/// <summary>
/// Werkzeug reads a form only where the view function asks for one. On an action that binds a form,
/// this reads it as Werkzeug does before MVC binds, and makes it the request's form: MVC's form value
/// provider and <c>IFormCollection</c> binding read it from there, and the body is read once; the
/// jQuery form value provider goes, since it matches keys case-insensitively. On any other action
/// MVC's form value providers go, so that no body is read at all (a broken multipart body sent with a
/// GET would be a 400).
/// </summary>
internal sealed class WerkzeugFormFilter(bool bindsForm) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var factories = context.ValueProviderFactories;
        if (bindsForm)
        {
            var http = context.HttpContext;
            var form = await http.RequestServices.GetRequiredService<FormFieldReader>().ReadAsync(http.Request, http.RequestAborted);
            http.Features.Set<IFormFeature>(new FormFeature(form));
        }
        else
        {
            factories.RemoveType<FormValueProviderFactory>();
            factories.RemoveType<FormFileValueProviderFactory>();
        }

        factories.RemoveType<JQueryFormValueProviderFactory>();
        await next();
    }
}
