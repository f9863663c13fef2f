"""«Concientización en gestión sustentable del Sector Público»: text and question bank."""

INDEX_INTRO = (
    "<p>Concientización en gestión sustentable del Sector Público, para todas las "
    "funcionarias y los funcionarios: una cultura ambiental en el trabajo, con conductas "
    "más amigables con el medio ambiente y el hábito de reciclar en las oficinas "
    "públicas.</p>"
)

COURSE = {
    "title": "Concientización en gestión sustentable del Sector Público",
    "slug": "gestion-sustentable-sector-publico",
    "summary": (
        "Cómo el trabajo diario en una oficina pública se relaciona con el cambio "
        "climático, y qué puede hacer cada persona con la energía, el papel, el agua, los "
        "residuos y sus traslados."
    ),
    "hours": 4,
    "audience": "Todos los colaboradores del Sector Público",
    "description": (
        "<h2>¿Qué aprenderá?</h2>"
        "<ul><li>La relación entre energía, emisiones y cambio climático.</li>"
        "<li>Hábitos sencillos para usar mejor el papel y el agua.</li>"
        "<li>Cómo separar y reciclar los residuos de la oficina.</li>"
        "<li>Opciones para trasladarse con menos emisiones.</li>"
        "<li>Qué es el Sistema Estado Verde y cómo participar en su servicio.</li></ul>"
        "<p>El curso tiene seis lecciones breves y una evaluación final de 10 preguntas. "
        "Se aprueba leyendo las lecciones y obteniendo al menos 60 % en la evaluación. Al "
        "aprobar, puede descargar su certificado, y su servicio lo cuenta en su listado de "
        "colaboradores concientizados.</p>"
    ),
}

LESSONS = [
    {
        "title": "Cambio climático y energía",
        "slug": "cambio-climatico-y-energia",
        "summary": "Por qué la energía que usamos en la oficina tiene que ver con el "
        "clima.",
        "minutes": 15,
        "body": [
            (
                "text",
                "<h2>El efecto invernadero</h2>"
                "<p>Algunos gases de la atmósfera, como el dióxido de carbono (CO₂) y el "
                "metano, retienen parte del calor que la Tierra irradia. Sin ellos el "
                "planeta sería helado; pero desde la Revolución Industrial su "
                "concentración ha aumentado rápidamente, sobre todo por la quema de "
                "carbón, petróleo y gas. El resultado es el calentamiento global y un "
                "clima con más sequías, olas de calor y lluvias intensas.</p>"
                "<p>Chile es un país muy vulnerable a estos cambios, y en 2022 se "
                "comprometió por ley (Ley Marco de Cambio Climático, Ley 21.455) a ser "
                "carbono neutral a más tardar en 2050.</p>"
                "<h2>¿Qué tiene que ver la oficina?</h2>"
                "<p>Cada kWh de electricidad tiene una huella: parte de la electricidad "
                "del país todavía se genera quemando combustibles. Esa huella ha bajado "
                "gracias a la energía solar y eólica: en 2023 se emitieron cerca de "
                "0,24 kg de CO₂ equivalente por cada kWh, frente a 0,42 kg en 2018. La "
                "calefacción con gas, parafina o leña también emite, directamente en el "
                "edificio.</p>"
                "<p>En una oficina, la energía se va sobre todo en climatización, "
                "iluminación y equipos. Ahí es donde los hábitos de cada persona "
                "cuentan.</p>",
            ),
            (
                "callout",
                {
                    "kind": "key",
                    "title": "La energía más limpia es la que no se usa",
                    "text": "<ul><li>Apague la luz y los equipos al salir.</li>"
                    "<li>Aproveche la luz natural.</li>"
                    "<li>Climatice con puertas y ventanas cerradas, a no más de 20 °C "
                    "en invierno y no menos de 24 °C en verano.</li>"
                    "<li>Desconecte los cargadores y equipos que quedan en espera.</li>"
                    "</ul>",
                },
            ),
            (
                "self_check",
                {
                    "question": "¿Cuál es la principal causa del aumento de los gases "
                    "de efecto invernadero?",
                    "choices": [
                        {
                            "text": "La quema de combustibles fósiles",
                            "is_correct": True,
                        },
                        {"text": "Los volcanes", "is_correct": False},
                        {"text": "La radiación del Sol", "is_correct": False},
                    ],
                    "explanation": "La quema de carbón, petróleo y gas libera el CO₂ que "
                    "se acumula en la atmósfera.",
                },
            ),
        ],
    },
    {
        "title": "Papel",
        "slug": "papel",
        "summary": "Imprimir menos, usar mejor cada hoja y reciclar lo que queda.",
        "minutes": 10,
        "body": [
            (
                "text",
                "<h2>El costo de una hoja</h2>"
                "<p>Fabricar papel requiere madera, mucha agua y energía, y luego "
                "transportarlo. Una resma tiene 500 hojas: en una oficina grande se "
                "consumen cientos de resmas al año, y buena parte termina en la basura "
                "el mismo día en que se imprime.</p>"
                "<p>Desde la Ley 21.180 de Transformación Digital del Estado (2019), los "
                "procedimientos administrativos avanzan hacia el expediente electrónico: "
                "cada vez hay menos razones para imprimir.</p>"
                "<h2>Buenas prácticas</h2>"
                "<ul><li>Pregúntese si necesita imprimir: lea y firme en pantalla "
                "cuando se pueda.</li>"
                "<li>Si imprime, hágalo a doble cara y en blanco y negro, y revise la "
                "vista previa para no repetir impresiones.</li>"
                "<li>Use las hojas impresas por un lado como borrador.</li>"
                "<li>Prefiera papel reciclado o con certificación de manejo forestal "
                "sustentable.</li>"
                "<li>Deposite el papel que ya no sirve en el contenedor de reciclaje, "
                "limpio y seco.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Doble cara por defecto",
                    "text": "<p>Configurar las impresoras para imprimir a doble cara por "
                    "defecto reduce el consumo de papel sin que nadie tenga que "
                    "acordarse.</p>",
                },
            ),
            (
                "self_check",
                {
                    "question": "¿Cuántas hojas tiene una resma?",
                    "choices": [
                        {"text": "500", "is_correct": True},
                        {"text": "100", "is_correct": False},
                        {"text": "1.000", "is_correct": False},
                    ],
                    "explanation": "Una resma tiene 500 hojas; por eso el papel se "
                    "reporta en resmas.",
                },
            ),
        ],
    },
    {
        "title": "Agua",
        "slug": "agua",
        "summary": "Cuidar el agua en un país con sequía: fugas, artefactos y hábitos.",
        "minutes": 10,
        "body": [
            (
                "text",
                "<h2>Un recurso escaso</h2>"
                "<p>La zona central de Chile vive desde 2010 una megasequía sin "
                "precedentes, y el cambio climático hace más probable que las lluvias "
                "sigan disminuyendo. Cada litro que se ahorra en un edificio público "
                "cuenta.</p>"
                "<h2>Dónde se usa el agua en la oficina</h2>"
                "<p>En baños, cocinas, aseo y riego. Las mayores pérdidas suelen ser "
                "invisibles: una llave que gotea o un estanque de WC que corre pueden "
                "perder decenas o cientos de litros al día.</p>"
                "<h2>Qué puede hacer</h2>"
                "<ul><li>Avise de inmediato cualquier fuga o llave que gotea.</li>"
                "<li>Cierre la llave mientras se jabona las manos o lava la loza.</li>"
                "<li>Use el botón de descarga corta del WC cuando corresponda.</li>"
                "<li>Si se riega, que sea temprano o al atardecer, y con especies "
                "nativas o de bajo consumo.</li>"
                "<li>Prefiera el agua de la red en jarro en lugar de bidones o "
                "botellas: evita plástico y transporte.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Artefactos eficientes",
                    "text": "<p>Aireadores en las llaves, WC de doble descarga y "
                    "temporizadores en los lavamanos reducen el consumo sin cambiar la "
                    "comodidad. Si su servicio renueva baños, sugiéralos.</p>",
                },
            ),
            (
                "self_check",
                {
                    "question": "Ve una llave que gotea en el baño de su piso. ¿Qué "
                    "hace?",
                    "choices": [
                        {
                            "text": "Aviso a quien corresponda para que la reparen",
                            "is_correct": True,
                        },
                        {
                            "text": "Nada: unas gotas no son importantes",
                            "is_correct": False,
                        },
                    ],
                    "explanation": "Una llave que gotea puede perder decenas de litros "
                    "al día; avisar es lo más útil.",
                },
            ),
        ],
    },
    {
        "title": "Residuos y reciclaje",
        "slug": "residuos-y-reciclaje",
        "summary": "Generar menos residuos y separarlos bien en el origen.",
        "minutes": 15,
        "body": [
            (
                "text",
                "<h2>Primero, reducir</h2>"
                "<p>El mejor residuo es el que no se genera. El orden de prioridad es: "
                "<b>reducir</b>, <b>reutilizar</b>, <b>reciclar</b> (y valorizar de otras "
                "formas) y, solo al final, eliminar en un relleno sanitario. Use taza y "
                "botella reutilizables, evite los productos desechables y repare antes "
                "de reemplazar.</p>"
                "<h2>Separar en el origen</h2>"
                "<p>Reciclar funciona si los residuos se separan donde se generan y "
                "llegan limpios y secos. En la oficina los puntos limpios suelen "
                "separar:</p>"
                "<ul><li><b>Papel y cartón</b>: hojas, cajas aplanadas, diarios. No "
                "servilletas ni papel sucio con comida.</li>"
                "<li><b>Plásticos</b>: botellas y envases enjuagados.</li>"
                "<li><b>Vidrio</b>: botellas y frascos, sin tapas.</li>"
                "<li><b>Latas y metales</b>: latas de bebida y conserva, enjuagadas.</li>"
                "<li><b>Orgánicos</b>: restos de frutas, verduras, café y té, para "
                "compostaje si el servicio lo tiene.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Residuos que requieren manejo especial",
                    "text": "<p>Pilas, tóner, ampolletas y aparatos eléctricos y "
                    "electrónicos no van a la basura común: se entregan a un gestor "
                    "autorizado. La Ley 20.920 de Responsabilidad Extendida del "
                    "Productor (Ley REP) obliga a los productores de estos y otros "
                    "productos prioritarios, como los envases, a hacerse cargo de ellos "
                    "al final de su vida útil.</p>",
                },
            ),
            (
                "text",
                "<p>Los muebles y equipos que el servicio da de baja también pueden "
                "tener otra vida: donarlos o reutilizarlos evita que se conviertan en "
                "residuo.</p>",
            ),
            (
                "self_check",
                {
                    "question": "¿Dónde va una caja de cartón limpia?",
                    "choices": [
                        {
                            "text": "Aplanada, en el contenedor de papel y cartón",
                            "is_correct": True,
                        },
                        {"text": "En la basura común", "is_correct": False},
                        {"text": "En el contenedor de orgánicos", "is_correct": False},
                    ],
                    "explanation": "El cartón limpio y seco se recicla; aplanado ocupa "
                    "menos espacio.",
                },
            ),
        ],
    },
    {
        "title": "Traslados sustentables",
        "slug": "traslados-sustentables",
        "summary": "Ir al trabajo y viajar por trabajo con menos emisiones.",
        "minutes": 10,
        "body": [
            (
                "text",
                "<h2>El transporte también emite</h2>"
                "<p>La mayoría de los vehículos quema gasolina o diésel, y el transporte "
                "es una de las principales fuentes de gases de efecto invernadero y de "
                "contaminación del aire en las ciudades. Por eso el Sistema Estado Verde "
                "incluye los traslados de las personas y los vehículos de los "
                "servicios.</p>"
                "<h2>Al ir y volver del trabajo</h2>"
                "<ul><li>Para distancias cortas, caminar o usar bicicleta no emite y "
                "hace bien a la salud.</li>"
                "<li>El transporte público emite mucho menos por persona que un auto con "
                "una sola persona; en Santiago, buena parte del Metro y de los buses "
                "usa electricidad.</li>"
                "<li>Si necesita el auto, compártalo con colegas que hagan un trayecto "
                "parecido.</li></ul>"
                "<h2>En los viajes de trabajo</h2>"
                "<ul><li>Evalúe si una videoconferencia reemplaza el viaje; los viajes "
                "en avión tienen una huella alta.</li>"
                "<li>Si conduce un vehículo del servicio: mantenga una velocidad "
                "constante, no deje el motor encendido detenido y revise la presión de "
                "los neumáticos.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "La encuesta de traslados",
                    "text": "<p>Su servicio puede pedirle responder una encuesta sobre "
                    "cómo viaja al trabajo y qué distancia recorre. Con ella se estima la "
                    "huella de los traslados y se diseñan medidas, como "
                    "estacionamientos para bicicletas.</p>",
                },
            ),
            (
                "self_check",
                {
                    "question": "Para una reunión de una hora con otra región, ¿qué "
                    "opción tiene menos emisiones?",
                    "choices": [
                        {"text": "Una videoconferencia", "is_correct": True},
                        {"text": "Un viaje en avión ida y vuelta", "is_correct": False},
                    ],
                    "explanation": "Una videoconferencia evita las emisiones del vuelo, "
                    "que son altas por persona.",
                },
            ),
        ],
    },
    {
        "title": "Lo que cada colaborador puede hacer",
        "slug": "lo-que-cada-colaborador-puede-hacer",
        "summary": "El Sistema Estado Verde en su servicio y su parte en él.",
        "minutes": 10,
        "body": [
            (
                "text",
                "<h2>Estado Verde en su servicio</h2>"
                "<p>El Sistema Estado Verde, del Ministerio del Medio Ambiente y el "
                "Ministerio de Energía, compromete a los servicios públicos a gestionar "
                "sus impactos ambientales. Cada servicio forma un <b>Comité Estado "
                "Verde</b>, aprueba una <b>política ambiental</b> y un plan con medidas "
                "en energía, vehículos, traslados, papel, agua, residuos y compras "
                "sustentables. La concientización de los colaboradores, como este "
                "curso, es parte de sus compromisos.</p>"
                "<h2>Su parte</h2>"
                "<ul><li>Conozca la política ambiental de su servicio y a quienes "
                "integran el Comité.</li>"
                "<li>Aplique los hábitos de este curso: apagar, imprimir menos, cuidar "
                "el agua, separar residuos, elegir cómo viajar.</li>"
                "<li>Responda las encuestas que el servicio le pida, como la de "
                "traslados.</li>"
                "<li>Avise lo que vea mal: fugas, luces encendidas toda la noche, "
                "contenedores mal usados.</li>"
                "<li>Proponga ideas al Comité: quienes trabajan en cada lugar saben "
                "dónde se desperdicia.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "key",
                    "title": "Un buen hábito se contagia",
                    "text": "<p>Los cambios de hábito funcionan mejor cuando son de todo "
                    "el equipo. Comparta lo que aprendió y invite a sus colegas a hacer "
                    "este curso.</p>",
                },
            ),
            (
                "self_check",
                {
                    "question": "¿Quién forma parte de la gestión ambiental de un "
                    "servicio?",
                    "choices": [
                        {
                            "text": "Todas las personas que trabajan en él",
                            "is_correct": True,
                        },
                        {"text": "Solo el Comité Estado Verde", "is_correct": False},
                        {"text": "Solo la jefatura del servicio", "is_correct": False},
                    ],
                    "explanation": "El Comité coordina, pero los resultados dependen de "
                    "los hábitos de todos.",
                },
            ),
        ],
    },
]

QUIZ = {
    "title": "Evaluación final",
    "slug": "evaluacion",
    "intro": "<p>Diez preguntas sobre las seis lecciones. Si no alcanza el 60 %, repase "
    "y vuelva a intentarlo: cada intento sortea preguntas distintas.</p>",
}

# (text, kind, [(alternative, correct)], feedback)
QUESTIONS = [
    (
        "¿Qué produce principalmente el aumento de los gases de efecto invernadero?",
        "single",
        [
            ("La quema de carbón, petróleo y gas", True),
            ("La actividad de los volcanes", False),
            ("Los cambios en la radiación del Sol", False),
        ],
        "Desde la Revolución Industrial, la quema de combustibles fósiles es la "
        "principal fuente del CO₂ acumulado.",
    ),
    (
        "¿Por qué ahorrar electricidad en la oficina ayuda al clima?",
        "single",
        [
            (
                "Porque parte de la electricidad del país se genera quemando "
                "combustibles",
                True,
            ),
            ("Porque la electricidad se produce solo con leña", False),
            ("No ayuda: la electricidad no tiene emisiones", False),
        ],
        "Cada kWh ahorrado evita las emisiones de la generación que aún usa "
        "combustibles.",
    ),
    (
        "¿A qué se comprometió Chile con la Ley Marco de Cambio Climático?",
        "single",
        [
            ("A ser carbono neutral a más tardar en 2050", True),
            ("A prohibir los vehículos a combustión en 2025", False),
            ("A no usar más electricidad de la red", False),
        ],
        "La Ley 21.455 (2022) fija la meta de carbono neutralidad al 2050.",
    ),
    (
        "¿Qué hábitos reducen el consumo de energía en la oficina?",
        "multiple",
        [
            ("Apagar luces y equipos al salir", True),
            ("Aprovechar la luz natural", True),
            ("Calefaccionar con las ventanas abiertas", False),
            ("Dejar los computadores encendidos durante la noche", False),
        ],
        "Apagar lo que no se usa y aprovechar la luz natural ahorra energía; climatizar "
        "con ventanas abiertas la desperdicia.",
    ),
    (
        "¿Cuántas hojas tiene una resma de papel?",
        "single",
        [("500", True), ("100", False), ("1.000", False), ("250", False)],
        "Una resma tiene 500 hojas.",
    ),
    (
        "Si necesita imprimir un documento, ¿qué es lo más recomendable?",
        "single",
        [
            ("Imprimir a doble cara después de revisar la vista previa", True),
            ("Imprimir una copia de respaldo por si acaso", False),
            ("Imprimir en colores para que se lea mejor", False),
        ],
        "Doble cara y vista previa evitan hojas e impresiones innecesarias.",
    ),
    (
        "¿Qué hace con las hojas impresas por un solo lado que ya no necesita?",
        "single",
        [
            ("Las uso como borrador y después las reciclo", True),
            ("Las boto en la basura común", False),
            ("Las dejo en el contenedor de orgánicos", False),
        ],
        "Reutilizar primero y reciclar después alarga la vida del papel.",
    ),
    (
        "¿Cuál suele ser la mayor pérdida de agua en un edificio?",
        "single",
        [
            ("Fugas que no se ven: llaves que gotean o estanques que corren", True),
            ("El agua que se bebe", False),
            ("El agua de la lluvia", False),
        ],
        "Una fuga pequeña y constante puede perder decenas o cientos de litros al día.",
    ),
    (
        "¿Qué prácticas ahorran agua?",
        "multiple",
        [
            ("Cerrar la llave mientras se jabona las manos", True),
            ("Avisar de inmediato cualquier fuga", True),
            ("Regar a mediodía en verano", False),
            ("Usar siempre la descarga larga del WC", False),
        ],
        "Cerrar la llave y reparar fugas ahorra agua; regar a mediodía pierde gran "
        "parte por evaporación.",
    ),
    (
        "¿Cuál es el orden de prioridad en el manejo de residuos?",
        "single",
        [
            ("Reducir, reutilizar, reciclar y, al final, eliminar", True),
            ("Reciclar, eliminar, reducir", False),
            ("Eliminar primero lo más voluminoso", False),
        ],
        "Lo mejor es no generar el residuo; reciclar es mejor que eliminar, pero viene "
        "después de reducir y reutilizar.",
    ),
    (
        "¿En qué condiciones deben llegar los envases al contenedor de reciclaje?",
        "single",
        [
            ("Limpios y secos", True),
            ("Con restos de comida, para que pesen más", False),
            ("Dentro de una bolsa de basura cerrada", False),
        ],
        "Los restos de comida contaminan el material y pueden impedir su reciclaje.",
    ),
    (
        "¿Qué residuos se entregan a un gestor autorizado y no van a la basura común?",
        "multiple",
        [
            ("Pilas", True),
            ("Cartuchos de tóner", True),
            ("Aparatos eléctricos y electrónicos", True),
            ("Restos de fruta", False),
        ],
        "Pilas, tóner y aparatos eléctricos y electrónicos requieren manejo especial; "
        "los restos de fruta pueden compostarse.",
    ),
    (
        "¿Qué establece la Ley REP (Ley 20.920)?",
        "single",
        [
            (
                "Que los productores se hagan cargo de sus productos prioritarios al "
                "final de su vida útil",
                True,
            ),
            ("Que cada persona pague por la basura que genera en su casa", False),
            ("Que se prohíbe reciclar en oficinas públicas", False),
        ],
        "La Responsabilidad Extendida del Productor alcanza a envases, neumáticos, "
        "aceites, pilas, baterías y aparatos eléctricos y electrónicos.",
    ),
    (
        "Para un trayecto de 2 km al trabajo, ¿qué opciones no emiten gases de efecto "
        "invernadero?",
        "multiple",
        [
            ("Caminar", True),
            ("Andar en bicicleta", True),
            ("Ir en auto a gasolina", False),
        ],
        "Caminar y pedalear no emiten y además hacen bien a la salud.",
    ),
    (
        "Para una reunión breve con personas de otra región, ¿qué opción tiene menos "
        "emisiones?",
        "single",
        [
            ("Una videoconferencia", True),
            ("Un viaje en avión ida y vuelta", False),
            ("Un viaje en auto de ida y vuelta", False),
        ],
        "La videoconferencia evita por completo las emisiones del viaje.",
    ),
    (
        "Si conduce un vehículo del servicio, ¿qué reduce el consumo de combustible?",
        "single",
        [
            ("Mantener una velocidad constante y apagar el motor detenido", True),
            ("Acelerar y frenar con fuerza para llegar antes", False),
            ("Circular con los neumáticos con poca presión", False),
        ],
        "Una conducción suave y neumáticos bien inflados bajan el consumo.",
    ),
    (
        "¿Qué instancia coordina la gestión ambiental en cada servicio público?",
        "single",
        [
            ("El Comité Estado Verde", True),
            ("La empresa de aseo", False),
            ("La municipalidad", False),
        ],
        "Cada servicio forma un Comité Estado Verde, que coordina su plan ambiental.",
    ),
    (
        "¿Qué puede hacer cada colaborador por la gestión ambiental de su servicio?",
        "multiple",
        [
            (
                "Responder las encuestas que pida el servicio, como la de traslados",
                True,
            ),
            ("Avisar fugas o luces que quedan encendidas", True),
            ("Proponer ideas al Comité Estado Verde", True),
            ("Nada: es tarea exclusiva del Comité", False),
        ],
        "Los resultados dependen de todos: participar, avisar y proponer.",
    ),
]
