using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using WatchState.Tests.Auth;

namespace WatchState.Tests.Security;

/// <summary>
/// Every form handler of every page (found by reflection on the page models, not listed here) refuses a request the
/// login cookie authenticates unless it carries the antiforgery token; every rendered form carries one.
/// </summary>
public sealed partial class PageFormCsrfTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each unsafe handler: the page (as its view engine path), the HTTP method and the handler name.</summary>
    internal static IReadOnlyList<(string Page, string Method, string Handler)> UnsafeHandlers()
    {
        var handlers = new List<(string, string, string)>();

        // Each compiled page names its file and, through its Model property, its page model.
        foreach (var page in typeof(WatchState.Cli.ServeCommand).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>().Where(p => p.Kind == "mvc.1.0.razor-page"))
        {
            var path = page.Identifier["/Pages".Length..^".cshtml".Length];
            var model = page.Type.GetProperty("Model")?.PropertyType;
            if (model is null || !model.IsSubclassOf(typeof(PageModel)))
            {
                continue;
            }

            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (HandlerName().Match(method.Name) is { Success: true } match)
                {
                    handlers.Add((path, match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value));
                }
            }
        }

        return handlers;
    }

    [Fact]
    public async Task Every_unsafe_page_handler_refuses_a_cookie_request_without_the_antiforgery_token()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();
        var routes = AppRoutes.Of(server.App).Where(r => r.IsPage).ToList();
        var handlers = UnsafeHandlers();
        Assert.True(handlers.Count > 20, $"only {handlers.Count} handlers found");

        foreach (var (page, method, handler) in handlers)
        {
            var route = routes.FirstOrDefault(r => r.Page == page);
            Assert.True(route is not null, $"no route for page {page}");
            if (route.Anonymous)
            {
                continue; // the login and setup forms: below
            }

            var path = $"{route.Path}?handler={handler}";
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "x", ["id"] = "1", ["played"] = "true" }),
            };
            request.Headers.Add("HX-Request", "true");
            using var response = await browser.SendAsync(request, Ct);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode}");
            var problem = await AuthServer.JsonAsync(response);
            Assert.Equal("Missing antiforgery token", problem.GetProperty("title").GetString());
        }

        // Still logged in: none of the refused requests logged the browser out or changed the session.
        using var me = await AuthServer.GetAsync(browser, "/v1/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task The_login_and_setup_forms_refuse_a_post_without_the_antiforgery_token()
    {
        await using var server = await AuthServer.StartAsync();
        var client = server.Client();

        foreach (var path in new[] { "/setup", "/login" })
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Username"] = AuthServer.User, ["Password"] = AuthServer.Password, ["Confirm"] = AuthServer.Password });
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path}: {(int)response.StatusCode}");
        }

        // The refused setup form created no admin.
        using var status = await AuthServer.GetAsync(client, "/v1/api/auth/status");
        Assert.True((await AuthServer.JsonAsync(status)).GetProperty("setupNeeded").GetBoolean());
    }

    [Fact]
    public async Task Every_rendered_page_gives_its_forms_and_htmx_requests_the_antiforgery_token()
    {
        await using var server = await AuthServer.StartAsync();
        var browser = await server.SetUpAsync();
        var pages = AppRoutes.Of(server.App).Where(r => r.IsPage && !r.Anonymous).Select(r => r.Path).Distinct().ToList();
        var forms = 0;

        foreach (var path in pages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Accept", "text/html");
            using var response = await browser.SendAsync(request, Ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(Ct);
            foreach (Match form in PostForm().Matches(html))
            {
                forms++;
                Assert.True(form.Value.Contains("__RequestVerificationToken", StringComparison.Ordinal), $"{path}: a form without the token: {form.Value[..Math.Min(200, form.Value.Length)]}");
            }

            if (HtmxUnsafe().IsMatch(html))
            {
                Assert.Matches("hx-headers=\"\\{&quot;X-XSRF-TOKEN&quot;: &quot;[^&]+&quot;\\}\"", html);
            }
        }

        Assert.True(forms > 0, "no form found on any page");
    }

    [GeneratedRegex("^On(Post|Put|Patch|Delete)(\\w*?)(?:Async)?$")]
    private static partial Regex HandlerName();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("hx-(post|put|patch|delete)=", RegexOptions.IgnoreCase)]
    private static partial Regex HtmxUnsafe();
}
