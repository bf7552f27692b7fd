using Microsoft.AspNetCore.Mvc;

namespace Api.Responses;

/// <summary>Another result's body under another status.</summary>
public sealed class StatusResult(int statusCode, IActionResult inner) : IActionResult
{
    public int StatusCode { get; } = statusCode;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.StatusCode = StatusCode;
        return inner.ExecuteResultAsync(context);
    }
}
