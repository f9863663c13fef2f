"""Build the benchmark dataset: ``manage.py bench_dataset --size small|national [--seed N]``."""

import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Genera el conjunto de datos de carga (servicios, unidades, boletas, flota, "
        "personas que aprobaron cursos) de forma determinista según la semilla."
    )

    def add_arguments(self, parser):
        from bench.generate import SIZES

        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, size, seed, **options):
        from bench.dataset import Dataset
        from bench.generate import BIG_SERVICE, SIZES, build
        from management.models import Service

        if Service.objects.filter(code=BIG_SERVICE).exists():
            built = Dataset.current()
            if (built.size, built.seed) == (size, seed):
                self.stdout.write(
                    f"El conjunto «{size}» ya está generado en esta base."
                )
                return
            raise CommandError(
                "La base ya tiene un conjunto de datos de carga: use una base vacía "
                "(recién migrada) para generarlo de nuevo."
            )
        verbose = options["verbosity"] > 0
        self.stdout.write(f"Generando el conjunto «{size}» con semilla {seed}…")
        started = time.perf_counter()
        refs = build(size, seed=seed, verbose=verbose)
        elapsed = time.perf_counter() - started
        refs["build_seconds"] = round(elapsed, 1)
        refs["plan"] = SIZES[size].__dict__
        Dataset(size=size, seed=seed, refs=refs).save()
        self.stdout.write(self.style.SUCCESS(f"Listo en {elapsed:.0f} s."))
