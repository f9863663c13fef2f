"""Resultados: yearly figures frozen when published, the history chart, and where the
figures come from."""

from unittest import mock

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from cms import demo
from cms.admin_forms import ResultsYearForm
from cms.demo_content import RESULTS
from cms.models import ResultsPage, ResultsYear
from cms.results import figures_from_management
from cms.selectors import results_overview


class SeededHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = demo.ensure_home()
        demo.ensure_results(home)
        cls.page = ResultsPage.objects.get()

    def test_the_real_history_is_seeded_and_published(self):
        years = ResultsYear.objects.filter(live=True).order_by("year")
        self.assertEqual(
            [(y.year, y.services_pmg) for y in years],
            [
                (2017, 130),
                (2018, 131),
                (2019, 137),
                (2020, 142),
                (2021, 149),
                (2022, 152),
            ],
        )
        latest = years.last()
        self.assertEqual(
            (
                latest.services_voluntary,
                latest.buildings_registered,
                latest.gestores,
                latest.buildings_with_consumption,
                latest.buildings_electricity_only,
                latest.buildings_mixed,
            ),
            (30, 5300, 3500, 3758, 3421, 337),
        )
        self.assertEqual(RESULTS[2022]["buildings_with_consumption"], 3421 + 337)

    def test_the_history_chart_renders_every_year_as_svg_with_its_table(self):
        overview = results_overview()
        svg = str(overview["services_chart"]["svg"])
        self.assertTrue(svg.startswith("<svg"))
        for year, value in ((2017, 130), (2020, 142), (2022, 152)):
            self.assertIn(f">{year}</text>", svg)
            self.assertIn(f"Servicios con indicador PMG {year}: {value}", svg)
        self.assertEqual(
            svg.count("<rect") - 2, 7
        )  # six PMG bars, one voluntary, legend
        table = str(overview["services_chart"]["table"])
        self.assertIn('<th scope="row">2019</th>', table)

    def test_the_page_shows_the_latest_year_and_the_chosen_one(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, "Resultados 2022")
        self.assertContains(response, "3.758")
        self.assertContains(response, '<svg class="chart"', count=2)
        self.assertContains(response, "Cifras publicadas por año")
        response = self.client.get(self.page.url, {"anio": "2019"})
        self.assertContains(response, "Resultados 2019")
        self.assertContains(response, 'href="?anio=2019" aria-current="page"')
        self.assertNotContains(response, "Edificios registrados</dt>")
        # An unknown year falls back to the latest.
        response = self.client.get(self.page.url, {"anio": "<b>1999</b>"})
        self.assertContains(response, "Resultados 2022")

    def test_unpublished_years_stay_off_the_site(self):
        ResultsYear.objects.create(year=2023, services_pmg=160, live=False)
        self.assertNotIn(2023, [y.year for y in results_overview()["years"]])


class SnapshotTests(TestCase):
    def test_a_draft_never_changes_the_published_figures(self):
        year = ResultsYear.objects.create(year=2022, services_pmg=152)
        year.save_revision().publish()
        year.services_pmg = 999
        year.save_revision()
        self.assertEqual(ResultsYear.objects.get(pk=year.pk).services_pmg, 152)
        self.assertEqual(results_overview()["current_year"].services_pmg, 152)

    def test_figures_must_add_up(self):
        year = ResultsYear(
            year=2022,
            buildings_registered=3000,
            buildings_with_consumption=3758,
            buildings_electricity_only=3421,
            buildings_mixed=400,
        )
        with self.assertRaises(ValidationError) as raised:
            year.full_clean()
        self.assertIn("buildings_with_consumption", raised.exception.message_dict)
        self.assertIn("buildings_registered", raised.exception.message_dict)

    def test_the_database_refuses_inconsistent_figures_too(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            ResultsYear.objects.create(
                year=2022,
                buildings_with_consumption=10,
                buildings_electricity_only=8,
                buildings_mixed=5,
            )
        with self.assertRaises(IntegrityError), transaction.atomic():
            ResultsYear.objects.create(year=1990)


class ManagementSourceTests(TestCase):
    def form(self, **values):
        data = {"year": "2024", "summary": '{"blocks": [], "entityMap": {}}'}
        data.update({k: str(v) for k, v in values.items()})
        from cms.wagtail_hooks import ResultsYearViewSet

        form_class = ResultsYearViewSet.edit_handler.bind_to_model(
            ResultsYear
        ).get_form_class()
        self.assertTrue(issubclass(form_class, ResultsYearForm))
        return form_class(data=data, instance=ResultsYear())

    def test_figures_come_from_the_management_data(self):
        import datetime as dt

        from lms.accounts.roles import Role
        from lms.accounts.services import add_membership
        from management.models import Distributor
        from management.services import bills
        from tests.factories import ServiceFactory, UnitFactory, UserFactory

        pmg = ServiceFactory(is_pmg=True)
        voluntary = ServiceFactory(is_pmg=False)
        ServiceFactory(is_pmg=False)  # no unit managing energy: not counted
        unit = UnitFactory(service=voluntary, energy_start_year=2024)
        UnitFactory(service=pmg, energy_start_year=2024)
        for role in (Role.GESTOR_SERVICIO, Role.GESTOR_UNIDAD):
            add_membership(user=UserFactory(), service=pmg, role=role)
        meter = bills.create_meter(
            client_number=bills.create_client_number(
                unit=unit,
                distributor=Distributor.objects.get(name="Enel Distribución"),
                number="R-1",
                tariff="BT1",
            ),
            number="R-1",
            active_from=dt.date(2024, 1, 1),
        )
        with self.captureOnCommitCallbacks(execute=True):
            bills.save_bill(
                meter=meter,
                data=bills.BillData(
                    period_start=dt.date(2024, 3, 1),
                    period_end=dt.date(2024, 3, 31),
                    issue_date=dt.date(2024, 4, 5),
                    consumption=1000,
                    amount_clp=100000,
                ),
            )
        figures = figures_from_management(2024)
        self.assertEqual(figures["services_pmg"], 1)
        self.assertEqual(figures["services_voluntary"], 1)
        self.assertEqual(figures["gestores"], 2)
        self.assertEqual(figures["buildings_registered"], 2)
        self.assertEqual(figures["buildings_with_consumption"], 1)
        self.assertEqual(figures["buildings_electricity_only"], 1)
        self.assertEqual(figures["buildings_mixed"], 0)
        # A year without bills leaves the consumption figures to the editors.
        self.assertNotIn("buildings_with_consumption", figures_from_management(2023))

    @mock.patch("cms.results.figures_from_management", return_value=None)
    def test_editors_enter_figures_by_hand_meanwhile(self, _computed):
        form = self.form(services_pmg=160)
        self.assertTrue(form.is_valid(), form.errors)
        year = form.save()
        self.assertEqual(year.services_pmg, 160)
        self.assertIsNone(year.gestores)
        self.assertEqual(year.source, ResultsYear.Source.MANUAL)

    def test_empty_figures_are_computed_once_management_data_exists(self):
        computed = {"services_pmg": 170, "gestores": 3900, "buildings_mixed": None}
        with mock.patch("cms.results.figures_from_management", return_value=computed):
            form = self.form(services_pmg=165)
            self.assertTrue(form.is_valid(), form.errors)
            year = form.save()
        # What the editor typed wins; what they left empty comes from management.
        self.assertEqual((year.services_pmg, year.gestores), (165, 3900))
        self.assertIsNone(year.buildings_mixed)
        self.assertEqual(year.source, ResultsYear.Source.MANAGEMENT)
