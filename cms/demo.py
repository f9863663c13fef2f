"""Demo site: the Wagtail site with its home page and the first content pages."""

from wagtail.models import Page, Site

from .models import HomePage, StandardPage

HOME_INTRO = (
    "<p>Gestiona Energía es el programa del Ministerio de Energía que acompaña a los "
    "servicios públicos en la gestión de su consumo de energía y en el cumplimiento del "
    "Sistema Estado Verde. Aquí los servicios registran sus inmuebles, consumos y datos "
    "ambientales, sus gestores se capacitan y sus colaboradores se concientizan.</p>"
)


def ensure_home() -> HomePage:
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None and welcome.specific_class is Page:
            welcome.delete()
        home = HomePage(title="Inicio", slug="home", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Gestiona Energía – Sector Público",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Gestiona Energía – Sector Público"
        site.save()
    return home


def ensure_page(
    parent: Page, *, slug: str, title: str, intro: str, body: str
) -> StandardPage:
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = StandardPage(
            title=title, slug=slug, intro=intro, body=body, show_in_menus=True
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def load() -> list[str]:
    home = ensure_home()
    ensure_page(
        home,
        slug="ley-21305",
        title="Ley 21.305",
        intro="Ley sobre Eficiencia Energética, publicada en febrero de 2021.",
        body=(
            "<p>La Ley 21.305 establece un Plan Nacional de Eficiencia Energética cada cinco años, "
            "con la meta de reducir al menos en 10 % la intensidad energética del país al año 2030 "
            "respecto de 2019.</p>"
            "<p>Exige a los grandes consumidores de energía —con un consumo de al menos 50 "
            "teracalorías al año— implementar un sistema de gestión de energía, y crea la "
            "calificación energética de las edificaciones.</p>"
        ),
    )
    ensure_page(
        home,
        slug="que-es",
        title="¿Qué es?",
        intro="Gestiona Energía y el Sistema Estado Verde en el Sector Público.",
        body=(
            "<p>Desde 2016, Gestiona Energía apoya a los servicios públicos para que designen "
            "gestores energéticos y reporten sus consumos de energía. Desde 2023, el Sistema "
            "Estado Verde, junto al Ministerio del Medio Ambiente, amplía la gestión a papel, "
            "agua, residuos, vehículos y traslados de personas.</p>"
        ),
    )
    return []
