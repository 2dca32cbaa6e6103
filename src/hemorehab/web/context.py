from hemorehab import policy


def navigation(request):
    """What the top bar offers this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_admin_centers": policy.centers_for(user, "users.manage"),
        "nav_screening_log": policy.centers_for(user, "screening.log").exists(),
        "nav_report": policy.centers_for(user, "research.report").exists(),
        "nav_product_centers": policy.centers_for(user, "products.manage"),
        "nav_settings_centers": policy.centers_for(user, "center.settings"),
    }
