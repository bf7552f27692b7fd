using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Api.Problems;

/// <summary>Builds the problem details this API answers with.</summary>
public static class ProblemFactory
{
    public const string TraceIdExtension = "traceId";

    public static ProblemDetails ForStatus(int status, string? detail = null) => new()
    {
        Status = status,
        Type = ProblemTypes.TypeFor(status),
        Title = ProblemTypes.TitleFor(status),
        Detail = detail,
    };

    /// <summary>A request the server cannot read, answered with the status Kestrel or the form reader chose.</summary>
    public static ProblemDetails ForUnreadableRequest(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return ForStatus(exception.StatusCode, exception.Message);
    }

    public static ValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Type = ProblemTypes.TypeFor(StatusCodes.Status400BadRequest),
        Title = "One or more validation errors occurred.",
        Detail = "The form is missing a required field or holds an invalid value.",
    };

    /// <summary>A human detail for the answers routing gives on its own (404, 405).</summary>
    public static string? DetailFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Request.Path.HasValue ? $"The path '{context.Request.Path.Value}'" : "The server";
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No route matches the path '{context.Request.Path.Value}'.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{target} does not accept {context.Request.Method}; it accepts {context.Response.Headers.Allow}.",
            _ => null,
        };
    }

    /// <summary>Fills what a problem lacks: status, type, title, and the request's trace id.</summary>
    public static void Complete(ProblemDetails problem, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        var status = problem.Status ??= context.Response.StatusCode;
        problem.Type ??= ProblemTypes.TypeFor(status);
        problem.Title ??= ProblemTypes.TitleFor(status);
        problem.Extensions.TryAdd(TraceIdExtension, Activity.Current?.Id ?? context.TraceIdentifier);
    }
}
