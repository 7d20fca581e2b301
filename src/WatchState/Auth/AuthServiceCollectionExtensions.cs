using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WatchState.Configuration;

namespace WatchState.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>The admin account and its password hashing; what <c>system:admin</c> needs without a web server.</summary>
    public static IServiceCollection AddAdminAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton<AdminStore>();
        services.TryAddSingleton<AdminAccounts>();
        return services;
    }

    /// <summary>
    /// Authentication for <c>serve</c>, secure by default: every endpoint needs the login cookie or the API key
    /// unless it is marked <c>.AllowAnonymous()</c>. Pair with <see cref="AuthApplicationExtensions.MapAuth"/>.
    /// </summary>
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddAdminAccounts();
        services.AddProblemDetails();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AdminCookieEvents>();
        services.AddHostedService<AdminNotice>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AuthJsonContext.Default));

        // Cookies and antiforgery tokens are sealed with keys kept in the data directory, so logins survive a
        // restart or an upgrade (the default would be ~/.aspnet, lost with the container).
        services.AddDataProtection().SetApplicationName("watchstate");
        services.AddOptions<KeyManagementOptions>().Configure<DataPaths, ILoggerFactory>((options, paths, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(KeysDirectory(paths), loggers));

        // Without an XML encryptor (there is none on Linux) the key files are plain; they sit next to the database
        // in a directory only we can read, and a warning about it on every first start would only alarm.
        // The console's provider has its own rule, which would win over a rule for all providers.
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
            .AddFilter<Cli.TextWriterLoggerProvider>("Microsoft.AspNetCore.DataProtection", LogLevel.Error));

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "login cookie or API key", options =>
                options.ForwardDefaultSelector = context => Webhooks.ApiKeyCheck.Presented(context.Request) is null ? AuthSchemes.Cookie : AuthSchemes.ApiKey)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.Cookie.Name = AuthSchemes.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(30);
                options.SlidingExpiration = true;
                options.LoginPath = AuthSchemes.LoginPath;
                options.EventsType = typeof(AdminCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AuthSchemes.AntiforgeryHeaderName;
            options.Cookie.Name = AuthSchemes.AntiforgeryCookieName;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(LoginThrottle.Configure);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // The proxy may sit anywhere (another container, another host); WS_TRUST_PROXY says the user put one in front.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return services;
    }

    private static DirectoryInfo KeysDirectory(DataPaths paths)
    {
        var directory = new DirectoryInfo(Path.Combine(paths.Root, "keys"));
        if (!directory.Exists)
        {
            directory.Create();
            if (!OperatingSystem.IsWindows())
            {
                directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }

        return directory;
    }
}
