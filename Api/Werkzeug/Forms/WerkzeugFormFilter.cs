namespace Api.Werkzeug.Forms;

/// <summary>
/// Werkzeug reads a form only where the view asks for one. An action that binds a form gets it read as Werkzeug reads
/// it, once, as the request's form, which MVC's form binding then reads (not the jQuery provider's: it matches keys
/// case-insensitively); any other action reads no body at all (a broken multipart body sent with a GET would be a 400).
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
