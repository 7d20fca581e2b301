using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace WatchState.Api;

/// <summary>The API's errors: a ProblemDetails whose <c>detail</c> says what to do about it.</summary>
internal static class Problems
{
    public static NotFound<ProblemDetails> NotFound(string detail) => TypedResults.NotFound(Make(StatusCodes.Status404NotFound, "Not Found", detail));

    public static BadRequest<ProblemDetails> BadRequest(string detail) => TypedResults.BadRequest(Make(StatusCodes.Status400BadRequest, "Bad Request", detail));

    public static Conflict<ProblemDetails> Conflict(string detail) => TypedResults.Conflict(Make(StatusCodes.Status409Conflict, "Conflict", detail));

    /// <summary>A media server failed or answered garbage: our request was fine, theirs was not.</summary>
    public static ProblemHttpResult BadGateway(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Bad Gateway");

    private static ProblemDetails Make(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? "6" : "5")}.{(status >= 500 ? status - 499 : status - 399)}",
    };
}
