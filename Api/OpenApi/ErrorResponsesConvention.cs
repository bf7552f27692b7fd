using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Api.OpenApi;

/// <summary>Declares every status an action answers itself, with its real media type, and a GET's 304.</summary>
internal sealed class ErrorResponsesConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var methods = action.Selectors.SelectMany(s => s.ActionConstraints.OfType<HttpMethodActionConstraint>()).SelectMany(c => c.HttpMethods).ToList();
        var attributes = action.Attributes.Concat(action.Controller.Attributes).ToList();
        var sources = action.Parameters.Select(p => p.BindingInfo?.BindingSource).ToList();
        var readsBody = methods.Any(method => method is "POST" or "PUT" or "PATCH");
        var validated = methods.Contains(HttpMethods.Get) && !attributes.OfType<ResponseCacheAttribute>().Any(cache => cache.NoStore);
        DescribeDeclaredErrorsAsProblems(action);
        ProducesResponseTypeAttribute?[] answers =
        [
            // The API explorer infers a 200 from the return type only where no answer is declared at all.
            Declares(action, status => status is >= 200 and < 300) ? null : new(StatusCodes.Status200OK),
            // BodyFormatter's 304 and 412, where the answer may be stored.
            validated ? SharedResponse.NotModified.Declaration : null,
            validated ? SharedResponse.PreconditionFailed.Declaration : null,
            readsBody ? SharedResponse.InvalidBody.Declaration
                : sources.Any(source => source is not null && source != BindingSource.Path && source != BindingSource.Services && source != BindingSource.Special)
                    ? SharedResponse.InvalidValue.Declaration
                    : SharedResponse.BadRequest.Declaration,
            readsBody ? SharedResponse.RequestTimeout.Declaration : null,
            readsBody ? SharedResponse.ContentTooLarge.Declaration : null,
            action.Selectors.Any(s => s.AttributeRouteModel?.Template?.Contains('{', StringComparison.Ordinal) == true) ? SharedResponse.NotFound.Declaration : null,
            sources.Contains(BindingSource.Body) ? SharedResponse.UnsupportedMediaType.Declaration : null,
            attributes.OfType<DisableRateLimitingAttribute>().Any() ? null : SharedResponse.TooManyRequests.Declaration,
            SharedResponse.ServerError.Declaration,
        ];

        // An action's own declaration of a status stands; shared where it names the same type (the validation 400 of /exemple).
        foreach (var answer in answers.OfType<ProducesResponseTypeAttribute>())
        {
            var own = action.Filters.OfType<ProducesResponseTypeAttribute>().FirstOrDefault(declared => declared.StatusCode == answer.StatusCode);
            if (own is not null && own.Type == answer.Type) action.Filters[action.Filters.IndexOf(own)] = answer;
            else if (own is null && !Declares(action, status => status == answer.StatusCode)) action.Filters.Add(answer);
        }
    }

    private static bool Declares(ActionModel action, Func<int, bool> status) =>
        action.Filters.OfType<IApiResponseMetadataProvider>().Any(declared => status(declared.StatusCode));

    // An error declared without a type ([ProducesResponseType(404)]) is answered as a problem.
    private static void DescribeDeclaredErrorsAsProblems(ActionModel action)
    {
        for (var i = 0; i < action.Filters.Count; i++)
        {
            if (action.Filters[i] is ProducesResponseTypeAttribute { StatusCode: >= 400 } declared && declared.Type == typeof(void))
            {
                action.Filters[i] = SharedResponse.Declaring(declared.StatusCode) ?? new ProducesResponseTypeAttribute<ProblemDetails>(declared.StatusCode, MediaTypeNames.Application.ProblemJson)
                {
                    Description = declared.Description ?? ReasonPhrases.GetReasonPhrase(declared.StatusCode),
                };
            }
        }
    }
}
