using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace WatchState.Tests.Security;

/// <summary>One endpoint of the running app, with a path its route parameters are filled into.</summary>
/// <param name="Methods">The methods it answers; a Razor page answers any, so the unsafe ones are listed too.</param>
internal sealed record AppRoute(string Pattern, string Path, IReadOnlyList<string> Methods, bool Anonymous, string? Page)
{
    public bool IsPage => Page is not null;

    public override string ToString() => $"{string.Join('|', Methods)} /{Pattern}";
}

/// <summary>
/// Every endpoint the app maps, read from its endpoint data sources: minimal API routes and Razor pages. A route
/// added later is in this list without anyone editing a test.
/// </summary>
internal static class AppRoutes
{
    private static readonly string[] PageMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<AppRoute> Of(WebApplication app)
    {
        var routes = new List<AppRoute>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() is { Count: > 0 } listed ? listed : [.. PageMethods];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            routes.Add(new AppRoute(endpoint.RoutePattern.RawText?.TrimStart('/') ?? "", Fill(endpoint.RoutePattern), methods, anonymous, page));
        }

        return routes;
    }

    /// <summary>The pattern with every parameter replaced by a sample value its constraints accept.</summary>
    public static string Fill(RoutePattern pattern, string text = "sample")
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => SampleFor(parameter, text),
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string SampleFor(RoutePatternParameterPart parameter, string text)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Exists(c => c is "long" or "int" or "min(1)"))
        {
            return "1";
        }

        return parameter.IsCatchAll ? string.Create(CultureInfo.InvariantCulture, $"{text}/{text}") : text;
    }
}
