namespace WatchState.BrowserTests;

/// <summary>
/// Browser pages for tests: desktop or phone sized, and recording every console error. A Content-Security-Policy
/// violation (an inline script or style slipped into a page) shows up there, so tests assert none happened.
/// </summary>
public sealed class TestPage : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 860 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IBrowserContext _context;

    private TestPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A page answered 400 or 401 on purpose (a refused form) is logged by Chromium as a failed load;
            // broken subresources are caught by status below instead.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
                && !IsIntendedAbort(message.Text))
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                ConsoleErrors.Add($"{response.Status} {response.Request.ResourceType} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    // hx-sync="replace" cancels a search still in flight when the next keystroke arrives, and htmx logs that
    // cancel as an error pair (afterRequest, then sendAbort). A failed request is still caught: it logs
    // htmx:sendError or htmx:timeout after its afterRequest, and a bad status is caught by the response check.
    private static bool IsIntendedAbort(string text) =>
        text.StartsWith("htmx:sendAbort", StringComparison.Ordinal)
        || text.StartsWith("htmx:afterRequest", StringComparison.Ordinal);

    /// <summary>Script errors, Content-Security-Policy violations, and stylesheets, scripts or fetches that failed.</summary>
    public List<string> ConsoleErrors { get; } = [];

    public static async Task<TestPage> OpenAsync(IBrowser browser, ViewportSize? size = null, string? colorScheme = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = size ?? Desktop,
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });

        // Generous: two cores run the server, the simulators and Chromium at once.
        context.SetDefaultTimeout(20_000);
        return new TestPage(context, await context.NewPageAsync());
    }

    /// <summary>Saves a full-page PNG under the test output's <c>screenshots/</c> for a person to look at.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name + ".png");

        // From the top: scrolled down, the sticky top bar would be drawn across the middle of a full-page picture.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    /// <summary>Whether the page is wider than the window (something forces sideways scrolling of the whole page).</summary>
    public async Task<bool> OverflowsSidewaysAsync() =>
        await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
