using Microsoft.AspNetCore.Mvc.Filters;

namespace Api.Werkzeug.Forms;

/// <summary>
/// Reads the form as Werkzeug does before MVC binds it, and makes it the request's form: MVC's form
/// value provider and <c>IFormCollection</c> binding read it from there, and the body is read once.
/// The jQuery form value provider goes: it would match keys case-insensitively.
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
