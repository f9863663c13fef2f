"""«Introducción a la Gestión de Energía»: the Capacitación course, text and question bank."""

INDEX_INTRO = (
    "<p>Capacitación en gestión de la energía para quienes gestionan la energía de los "
    "servicios públicos: gestores de servicio, de unidad y de flota. <b>No</b> es para "
    "todos los colaboradores: para ellos está la Plataforma de Concientización.</p>"
)

COURSE = {
    "title": "Introducción a la Gestión de Energía",
    "slug": "introduccion-gestion-energia",
    "summary": (
        "Lo esencial para gestionar la energía de un servicio público: unidades de "
        "energía, lectura de boletas y tarifas, medidas de eficiencia y el rol del gestor "
        "energético en el Sistema Estado Verde."
    ),
    "hours": 8,
    "audience": "Gestores de servicio, de unidad y de flota",
    "description": (
        "<h2>¿Qué aprenderá?</h2>"
        "<ul><li>A distinguir potencia de energía y a convertir el consumo de cada "
        "energético a kWh.</li>"
        "<li>A leer una boleta de electricidad o de gas y a registrarla sin errores.</li>"
        "<li>A reconocer medidas de eficiencia energética y estimar su ahorro.</li>"
        "<li>Qué pide el Sistema Estado Verde y qué hace cada gestor durante el año.</li></ul>"
        "<p>El curso tiene cuatro lecciones y una evaluación final de 10 preguntas. Se "
        "aprueba leyendo las lecciones y obteniendo al menos 60 % en la evaluación; al "
        "aprobar puede descargar su certificado.</p>"
    ),
}

LESSONS = [
    {
        "title": "La energía y sus unidades",
        "slug": "energia-y-unidades",
        "summary": "Potencia y energía, el kWh, y cómo comparar energéticos distintos.",
        "minutes": 25,
        "body": [
            (
                "text",
                "<h2>Potencia y energía no son lo mismo</h2>"
                "<p>La <b>potencia</b> es la rapidez con que un equipo usa la energía. Se "
                "mide en watts (W) o kilowatts (kW; 1 kW = 1.000 W) y aparece en la placa "
                "de cada equipo: una ampolleta LED de 10 W, un hervidor de 2.000 W.</p>"
                "<p>La <b>energía</b> es la potencia usada durante un tiempo. En "
                "electricidad se mide en kilowatt-hora (kWh): la energía que consume un "
                "equipo de 1 kW funcionando durante una hora. Es la unidad que cobra la "
                "boleta y la que registramos en la plataforma.</p>"
                "<p>La cuenta es simple: <b>energía (kWh) = potencia (kW) × horas de "
                "uso</b>. Un calefactor de 2.000 W encendido 3 horas consume "
                "2 kW × 3 h = 6 kWh. Diez ampolletas de 10 W encendidas 10 horas "
                "consumen 10 × 0,01 kW × 10 h = 1 kWh.</p>",
            ),
            (
                "callout",
                {
                    "kind": "key",
                    "title": "kW y kWh",
                    "text": "<p>kW dice cuánto «tira» un equipo en un momento; kWh "
                    "dice cuánta energía usó en un período. La boleta cobra kWh y, en "
                    "algunas tarifas, también kW de demanda.</p>",
                },
            ),
            (
                "text",
                "<h2>Los energéticos de un edificio público</h2>"
                "<p>Además de la electricidad, los edificios usan combustibles para "
                "calefacción, agua caliente o cocina: gas natural (se factura en m³), gas "
                "licuado (en kg si viene en cilindros, en litros si es a granel), diésel y "
                "kerosene o parafina (en litros), leña y pellet (en kg). Cada uno se compra "
                "en su propia unidad, así que no se pueden sumar directamente.</p>"
                "<h2>Todo a kWh para poder comparar</h2>"
                "<p>Para sumar y comparar consumos se convierte cada energético a kWh "
                "según su poder calorífico (1 kWh equivale a 860 kcal o a 3,6 MJ). Con "
                "los valores del Balance Nacional de Energía, en números redondos:</p>"
                "<ul><li>1 m³ de gas natural ≈ 10,9 kWh.</li>"
                "<li>1 kg de gas licuado ≈ 14,1 kWh (1 litro ≈ 7,7 kWh).</li>"
                "<li>1 litro de diésel ≈ 10,7 kWh; 1 litro de kerosene ≈ 10,5 kWh.</li>"
                "<li>1 kg de leña seca ≈ 4,1 kWh.</li></ul>"
                "<p>La plataforma hace esta conversión por usted: usted registra lo que "
                "dice la boleta o la factura, en su unidad, y el sistema guarda además los "
                "kWh con el factor usado.</p>"
                "<h2>Un indicador para comparar edificios</h2>"
                "<p>Un edificio grande consume más que uno pequeño, sin que eso diga si es "
                "eficiente. Por eso se usa la <b>intensidad energética</b>: los kWh "
                "consumidos en un año divididos por la superficie en m² (kWh/m² año). Así "
                "se comparan edificios de distinto tamaño y un mismo edificio año a año.</p>",
            ),
            (
                "self_check",
                {
                    "question": "Un equipo de aire acondicionado de 1.500 W funciona 4 "
                    "horas. ¿Cuánta energía consume?",
                    "choices": [
                        {"text": "6 kWh", "is_correct": True},
                        {"text": "6.000 kWh", "is_correct": False},
                        {"text": "1,5 kWh", "is_correct": False},
                        {"text": "375 kWh", "is_correct": False},
                    ],
                    "explanation": "1.500 W son 1,5 kW; 1,5 kW × 4 h = 6 kWh.",
                },
            ),
        ],
    },
    {
        "title": "Boletas y tarifas",
        "slug": "boletas-y-tarifas",
        "summary": "Qué dice una boleta, qué cobran las tarifas y cómo registrarla bien.",
        "minutes": 30,
        "body": [
            (
                "text",
                "<h2>Las partes de una boleta de electricidad</h2>"
                "<p>Toda boleta trae el <b>número de cliente</b> (identifica el suministro "
                "y, con él, el medidor), el <b>período de lectura</b> (fecha de la lectura "
                "anterior y de la actual), las lecturas del medidor y el <b>consumo</b> "
                "del período en kWh. Luego vienen los cargos: un cargo fijo, el cargo por "
                "energía y, según la tarifa, cargos por potencia o demanda, además de los "
                "cargos de transmisión y el IVA.</p>"
                "<p>La boleta también puede arrastrar un <b>saldo anterior</b> o intereses "
                "por atraso. Eso no es consumo del período: en la plataforma se registra "
                "solo el monto que corresponde al período leído.</p>"
                "<h2>Tarifas reguladas</h2>"
                "<p>Los clientes regulados (hasta 500 kW de potencia conectada; entre 500 "
                "y 5.000 kW pueden elegir ser libres) tienen tarifas fijadas por la "
                "autoridad. Las de baja tensión empiezan con BT y las de alta tensión de "
                "distribución con AT:</p>"
                "<ul><li><b>BT1</b>: cobra sobre todo la energía (kWh). Es la de casas y "
                "oficinas pequeñas.</li>"
                "<li><b>BT2 y BT3</b>: cobran la energía y además una potencia, contratada "
                "(BT2) o la demanda máxima leída (BT3).</li>"
                "<li><b>BT4.x y AT4.x</b>: cobran la energía, la demanda máxima y, aparte, "
                "la demanda en <b>horas de punta</b>.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Horas de punta",
                    "text": "<p>Entre el 1 de abril y el 30 de septiembre, de 18:00 a "
                    "22:00 horas, el sistema eléctrico está más exigido. En las tarifas con "
                    "demanda en punta, bajar el consumo en ese horario baja la boleta de "
                    "todo el año.</p>",
                },
            ),
            (
                "text",
                "<h2>Gas y otros combustibles</h2>"
                "<p>El gas natural se cobra por m³ consumidos entre dos lecturas, como la "
                "electricidad. El gas licuado en cilindros y los combustibles líquidos se "
                "registran con la factura de compra: fecha, cantidad (kg o litros) y "
                "monto.</p>"
                "<h2>Registrar sin errores</h2>"
                "<ol><li>Elija la unidad, el energético y el número de cliente o "
                "medidor correctos.</li>"
                "<li>Copie las fechas de inicio y fin del período tal como aparecen. Dos "
                "boletas seguidas comparten como mucho el día de la lectura.</li>"
                "<li>Registre el consumo y el monto del período, y adjunte la boleta.</li>"
                "<li>Si dice <b>lectura estimada</b>, márquela: la distribuidora no leyó el "
                "medidor y corregirá la diferencia en una boleta siguiente.</li></ol>"
                "<p>La plataforma bloquea los errores evidentes (fechas al revés, períodos "
                "que se traslapan, boletas duplicadas) y advierte lo raro: un consumo muy "
                "distinto al del mismo mes del año anterior, o meses sin boleta.</p>",
            ),
            (
                "self_check",
                {
                    "question": "Una boleta trae $85.000 del período y $40.000 de saldo "
                    "anterior impago. ¿Qué monto se registra?",
                    "choices": [
                        {"text": "$85.000", "is_correct": True},
                        {"text": "$125.000", "is_correct": False},
                        {"text": "$40.000", "is_correct": False},
                    ],
                    "explanation": "Se registra el monto del período leído. El saldo "
                    "anterior corresponde a otros períodos, que ya tienen su boleta.",
                },
            ),
        ],
    },
    {
        "title": "Medidas de eficiencia energética",
        "slug": "medidas-de-eficiencia",
        "summary": "Dónde se va la energía, medidas sin costo y con inversión, y cómo "
        "evaluarlas.",
        "minutes": 30,
        "body": [
            (
                "text",
                "<h2>Primero, saber dónde se va la energía</h2>"
                "<p>En una oficina pública, la mayor parte de la electricidad se va en "
                "climatización, iluminación y equipos (computadores, impresoras, "
                "servidores, cocinas). Con las boletas de 12 meses se arma la <b>línea "
                "base</b>: el consumo normal del edificio, con el que se medirán los "
                "ahorros. Un recorrido por el edificio fuera del horario laboral muestra "
                "rápido lo que queda encendido sin necesidad.</p>"
                "<h2>Medidas sin costo</h2>"
                "<ul><li>Programar la climatización según el horario de uso y apagarla al "
                "final de la jornada.</li>"
                "<li>Ajustar la temperatura: calefacción a no más de 20 °C y refrigeración "
                "a no menos de 24 °C.</li>"
                "<li>Mantener puertas y ventanas cerradas mientras se climatiza.</li>"
                "<li>Aprovechar la luz natural y apagar la iluminación de salas vacías.</li>"
                "<li>Apagar equipos y monitores al final del día, y desconectar los que "
                "quedan en modo de espera.</li></ul>"
                "<h2>Medidas con inversión</h2>"
                "<ul><li>Iluminación LED y sensores de presencia en pasillos y baños.</li>"
                "<li>Equipos de climatización eficientes (bomba de calor, inverter) y "
                "mantención periódica: un filtro sucio hace trabajar más al equipo.</li>"
                "<li>Aislación térmica, burletes y ventanas de doble vidrio.</li>"
                "<li>Paneles fotovoltaicos, que pueden inyectar excedentes a la red bajo "
                "la ley de generación distribuida (Ley 20.571).</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Período de recuperación simple",
                    "text": "<p>Divida la inversión por el ahorro anual en pesos. Si "
                    "cambiar equipos cuesta $1.000.000 y ahorra $250.000 al año, la "
                    "inversión se recupera en 4 años.</p>",
                },
            ),
            (
                "text",
                "<h2>Un ejemplo</h2>"
                "<p>Una oficina tiene 100 tubos fluorescentes de 36 W encendidos 10 horas "
                "al día, 250 días al año. Reemplazarlos por tubos LED de 18 W ahorra "
                "100 × 18 W × 2.500 h = 4.500 kWh al año. A $150 por kWh son $675.000 al "
                "año; si el cambio cuesta $800.000, se recupera en poco más de un año.</p>"
                "<h2>Medir el resultado</h2>"
                "<p>Después de aplicar una medida, compare el consumo con la línea base del "
                "mismo período, considerando lo que cambió (más o menos personas, un "
                "invierno más frío). Registrar las boletas todos los meses es lo que "
                "permite demostrar el ahorro.</p>",
            ),
            (
                "self_check",
                {
                    "question": "¿Cuál de estas medidas no requiere inversión?",
                    "choices": [
                        {
                            "text": "Programar el apagado de la climatización fuera del "
                            "horario de uso",
                            "is_correct": True,
                        },
                        {"text": "Cambiar la iluminación a LED", "is_correct": False},
                        {"text": "Aislar la techumbre", "is_correct": False},
                    ],
                    "explanation": "Programar horarios solo requiere ajustar lo que ya "
                    "existe; las otras medidas implican comprar e instalar.",
                },
            ),
        ],
    },
    {
        "title": "Estado Verde y el rol del gestor energético",
        "slug": "estado-verde-y-rol-del-gestor",
        "summary": "El programa, el Sistema Estado Verde, los hitos del año y quién hace "
        "qué.",
        "minutes": 25,
        "body": [
            (
                "text",
                "<h2>Gestiona Energía y el Sistema Estado Verde</h2>"
                "<p>Desde 2016, el programa Gestiona Energía del Ministerio de Energía "
                "acompaña a los servicios públicos para que designen gestores energéticos "
                "y reporten sus consumos. Desde 2023, el <b>Sistema Estado Verde</b>, "
                "junto al Ministerio del Medio Ambiente, forma parte del Programa de "
                "Mejoramiento de la Gestión (PMG) y amplía la gestión a otros temas "
                "ambientales.</p>"
                "<ul><li><b>Objetivo 1</b>: Comité Estado Verde, política ambiental y "
                "concientización de los colaboradores.</li>"
                "<li><b>Objetivo 2</b>: catastro de inmuebles, gestión de la energía, "
                "gestión de vehículos y los demás ámbitos: traslados de personas, papel, "
                "agua, residuos y compras sustentables.</li></ul>"
                "<p>Se avanza por etapas: diagnóstico (2023), Plan de Gestión Ambiental "
                "con objetivos, medidas e indicadores (2024) e implementación (2025).</p>"
                "<h2>Los hitos del inventario</h2>"
                "<p>Cada año el servicio revisa su inventario de unidades: lo actualiza y "
                "ratifica (fines de mayo), recibe un inventario preliminar del Ministerio "
                "(mediados de junio), envía observaciones (fines de junio) y se fija el "
                "inventario definitivo (fines de julio), que dice qué unidades hacen "
                "gestión de energía y cuáles reportan los demás ámbitos.</p>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "La Ley 21.305",
                    "text": "<p>La Ley de Eficiencia Energética (2021) fija un plan "
                    "nacional cada cinco años, con la meta de reducir al menos 10 % la "
                    "intensidad energética del país al 2030 respecto de 2019, y exige "
                    "sistemas de gestión de energía a los grandes consumidores.</p>",
                },
            ),
            (
                "text",
                "<h2>Quién hace qué</h2>"
                "<ul><li><b>Gestor de Servicio</b>: coordina la gestión del servicio, crea "
                "las cuentas de los demás gestores y responde por la información que el "
                "servicio entrega.</li>"
                "<li><b>Gestor de Unidad</b>: registra cada mes las boletas de sus "
                "unidades y mantiene al día sus datos y medidores.</li>"
                "<li><b>Gestor de Flota</b>: registra vehículos, cargas de combustible y "
                "viajes.</li>"
                "<li><b>Encargado del Comité Estado Verde</b>: lleva la documentación del "
                "comité, la política ambiental y los listados de colaboradores.</li></ul>"
                "<p>La Red de expertos del Ministerio revisa lo cargado y lo valida u "
                "observa.</p>"
                "<h2>Una rutina mensual</h2>"
                "<ol><li>Registrar las boletas del mes de cada unidad.</li>"
                "<li>Revisar las advertencias y corregir o justificar.</li>"
                "<li>Comparar el consumo con el del año anterior y buscar las causas de los "
                "cambios.</li>"
                "<li>Compartir los resultados con la jefatura y proponer medidas.</li></ol>",
            ),
            (
                "self_check",
                {
                    "question": "¿Quién registra cada mes las boletas de una unidad?",
                    "choices": [
                        {"text": "El Gestor de Unidad", "is_correct": True},
                        {
                            "text": "La Red de expertos del Ministerio",
                            "is_correct": False,
                        },
                        {"text": "La empresa distribuidora", "is_correct": False},
                    ],
                    "explanation": "El Gestor de Unidad registra las boletas; la Red las "
                    "revisa y valida.",
                },
            ),
        ],
    },
]

QUIZ = {
    "title": "Evaluación final",
    "slug": "evaluacion",
    "intro": "<p>Diez preguntas sobre las cuatro lecciones. Puede volver a intentarlo "
    "las veces que necesite; cada intento sortea preguntas distintas.</p>",
}

# (text, kind, [(alternative, correct)], feedback)
QUESTIONS = [
    (
        "¿Qué mide el kilowatt-hora (kWh)?",
        "single",
        [
            ("La energía consumida en un período", True),
            ("La potencia de un equipo en un instante", False),
            ("La tensión de la red eléctrica", False),
            ("La corriente que circula por un cable", False),
        ],
        "El kWh es energía: potencia por tiempo. La potencia se mide en kW.",
    ),
    (
        "Un calefactor de 2.000 W funciona 3 horas. ¿Cuánta energía consume?",
        "single",
        [("6 kWh", True), ("2 kWh", False), ("600 kWh", False), ("0,6 kWh", False)],
        "2.000 W son 2 kW; 2 kW × 3 h = 6 kWh.",
    ),
    (
        "¿Por qué se convierten a kWh los consumos de gas, diésel o leña?",
        "single",
        [
            ("Para poder sumarlos y compararlos con la electricidad", True),
            ("Porque las boletas de gas se emiten en kWh", False),
            ("Para calcular el IVA de cada compra", False),
        ],
        "Cada combustible se compra en su unidad (m³, kg, litros); en kWh se pueden "
        "sumar y comparar.",
    ),
    (
        "Aproximadamente, ¿cuántos kWh entrega 1 m³ de gas natural?",
        "single",
        [("Cerca de 10,9 kWh", True), ("1 kWh", False), ("Cerca de 100 kWh", False)],
        "Con un poder calorífico de unas 9.340 kcal por m³ y 860 kcal por kWh, "
        "1 m³ ≈ 10,9 kWh.",
    ),
    (
        "¿Qué indicador permite comparar el desempeño de edificios de distinto tamaño?",
        "single",
        [
            ("Los kWh consumidos al año por m² de superficie", True),
            ("El monto total de la boleta", False),
            ("La potencia del equipo más grande", False),
        ],
        "La intensidad energética (kWh/m² año) descuenta el efecto del tamaño.",
    ),
    (
        "¿Qué datos de una boleta de electricidad se registran en la plataforma?",
        "multiple",
        [
            ("Las fechas de inicio y fin del período de lectura", True),
            ("El consumo del período en kWh", True),
            ("El monto correspondiente al período", True),
            ("El saldo anterior adeudado", False),
        ],
        "Se registra el período, su consumo y su monto. El saldo anterior pertenece a "
        "otros períodos.",
    ),
    (
        "¿Qué significa que una boleta diga «lectura estimada»?",
        "single",
        [
            (
                "Que no se leyó el medidor: la distribuidora estimó el consumo y lo "
                "corregirá después",
                True,
            ),
            ("Que el consumo es exacto y no cambiará", False),
            ("Que la boleta no debe registrarse", False),
        ],
        "Se registra igual, marcada como estimada; la diferencia aparecerá en una boleta "
        "siguiente.",
    ),
    (
        "¿Qué tarifas cobran aparte la demanda en horas de punta?",
        "single",
        [
            ("BT4.x y AT4.x", True),
            ("BT1", False),
            ("Ninguna tarifa regulada", False),
        ],
        "Las tarifas BT4 y AT4 cobran la energía, la demanda máxima y la demanda en "
        "horas de punta.",
    ),
    (
        "¿Cuándo son las horas de punta del sistema eléctrico?",
        "single",
        [
            ("De 18:00 a 22:00, entre el 1 de abril y el 30 de septiembre", True),
            ("De 08:00 a 12:00, todo el año", False),
            ("Los fines de semana de verano", False),
        ],
        "El horario de punta es de 18:00 a 22:00 en los meses de abril a septiembre.",
    ),
    (
        "¿Cuál de estas medidas de eficiencia no requiere inversión?",
        "single",
        [
            ("Programar el apagado de la climatización fuera del horario de uso", True),
            ("Cambiar la iluminación a LED", False),
            ("Instalar paneles fotovoltaicos", False),
            ("Aislar la techumbre", False),
        ],
        "Programar horarios usa lo que ya existe; las demás medidas requieren comprar e "
        "instalar.",
    ),
    (
        "Un cambio de equipos cuesta $1.000.000 y ahorra $250.000 al año. ¿En cuánto "
        "tiempo se recupera la inversión?",
        "single",
        [("4 años", True), ("2,5 años", False), ("25 años", False), ("1 año", False)],
        "Período de recuperación simple = inversión / ahorro anual = 1.000.000 / 250.000 "
        "= 4 años.",
    ),
    (
        "¿Qué buenas prácticas de climatización reducen el consumo?",
        "multiple",
        [
            ("Mantener puertas y ventanas cerradas mientras se climatiza", True),
            ("Limpiar los filtros de los equipos periódicamente", True),
            ("Refrigerar a 18 °C en verano", False),
            ("Dejar los equipos encendidos durante la noche", False),
        ],
        "Puertas cerradas y filtros limpios reducen el trabajo del equipo; refrigerar "
        "bajo 24 °C o dejarlo encendido sin uso aumenta el consumo.",
    ),
    (
        "¿Para qué sirve la línea base de consumo?",
        "single",
        [
            ("Para medir los ahorros comparando el consumo con el habitual", True),
            ("Para calcular la tarifa que cobra la distribuidora", False),
            ("Para definir el horario de punta", False),
        ],
        "La línea base es el consumo normal del edificio, con el que se comparan los "
        "resultados de las medidas.",
    ),
    (
        "En el Sistema Estado Verde, ¿qué ámbitos forman parte del Objetivo 2?",
        "multiple",
        [
            ("El catastro de inmuebles", True),
            ("La gestión de la energía", True),
            ("La gestión de vehículos", True),
            ("La constitución del Comité Estado Verde", False),
        ],
        "El Comité Estado Verde y la política ambiental son parte del Objetivo 1.",
    ),
    (
        "¿Quién registra cada mes las boletas de las unidades?",
        "single",
        [
            ("El Gestor de Unidad", True),
            ("La Red de expertos del Ministerio", False),
            ("La empresa distribuidora", False),
        ],
        "El Gestor de Unidad registra las boletas; la Red las revisa.",
    ),
    (
        "¿Qué se hace en el primer hito del año, a fines de mayo?",
        "single",
        [
            ("El servicio actualiza y ratifica su inventario de unidades", True),
            ("El Ministerio publica los resultados del año anterior", False),
            ("Se pagan las boletas atrasadas", False),
        ],
        "El primer hito es la actualización y ratificación del inventario por el "
        "servicio.",
    ),
    (
        "¿Cuál es la meta de la Ley 21.305 de Eficiencia Energética?",
        "single",
        [
            (
                "Reducir al menos 10 % la intensidad energética del país al 2030 "
                "respecto de 2019",
                True,
            ),
            ("Eliminar el uso de combustibles fósiles al 2025", False),
            ("Duplicar la generación solar cada año", False),
        ],
        "La ley fija un plan nacional cada cinco años con esa meta de intensidad "
        "energética.",
    ),
]
