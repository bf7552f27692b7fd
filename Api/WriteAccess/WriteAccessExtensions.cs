using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Api.WriteAccess;

internal static class WriteAccessExtensions
{
    public const string Section = "Authentication:Schemes:Bearer";

    public static IServiceCollection AddWriteAccess(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetSection(Section).Exists()) return services;
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        services.Configure<MvcOptions>(mvc => mvc.Conventions.Add(new BearerTokenForWritesConvention()));
        return services;
    }

    public static IApplicationBuilder UseWriteAccess(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<IAuthorizationPolicyProvider>() is null ? app : app.UseAuthentication().UseAuthorization();

    private sealed class BearerTokenForWritesConvention : IControllerModelConvention
    {
        private static readonly string[] Writes = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

        public void Apply(ControllerModel controller)
        {
            if (!controller.Attributes.OfType<BearerTokenForWritesAttribute>().Any()) return;
            foreach (var selector in controller.Actions.SelectMany(action => action.Selectors))
            {
                if (selector.EndpointMetadata.OfType<IHttpMethodMetadata>().Any(methods => methods.HttpMethods.Intersect(Writes).Any()))
                    selector.EndpointMetadata.Add(new AuthorizeAttribute());
            }
        }
    }
}

/// <summary>The controller's writes need a bearer token once <c>Authentication:Schemes:Bearer</c> is configured.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class BearerTokenForWritesAttribute : Attribute;
