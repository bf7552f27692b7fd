namespace Api.Security;

/// <summary>
/// Sets <see cref="SecurityHeaders"/> on every answer. An error answer written after the response
/// was cleared (the exception handler clears it) gets them again from the problem writer.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Apply(context);
        return next(context);
    }
}
