namespace Api.Werkzeug.Forms;

/// <summary>
/// Werkzeug reads a form only where the view asks for one: an action that binds a form gets it read as Werkzeug reads it,
/// once, as the request's form, which MVC's form binding then reads (not the jQuery provider's: it matches keys
/// case-insensitively). <see cref="WerkzeugNoFormFilter"/> keeps any other action from reading a body.
/// </summary>
internal sealed class WerkzeugFormFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var form = await http.RequestServices.GetRequiredService<FormFieldReader>().ReadAsync(http.Request, http.RequestAborted);
        http.Features.Set<IFormFeature>(new FormFeature(form));
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        await next();
    }
}

/// <summary>An action that binds no form reads no body, whatever it holds: MVC's form value providers would (a broken multipart body sent with a GET would be a 400).</summary>
internal sealed class WerkzeugNoFormFilter : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        // Stryker disable once Statement: without a form content type MVC's form providers find nothing to read; the check only spares removing them
        if (!context.HttpContext.Request.HasFormContentType) return;

        context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context) { }
}
